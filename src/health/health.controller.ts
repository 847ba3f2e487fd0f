import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { migrationsApplied } from '../database/migrate';
import { QueueService } from '../queue/queue.service';
import { Public } from '../auth/auth.guard';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueService,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Database reachable, migrations applied, queue started (503 otherwise)' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const checks = {
      database: await this.dataSource.query('SELECT 1').then(() => true, () => false),
      migrations: await migrationsApplied(this.dataSource).catch(() => false),
      queue: this.queue.isStarted,
    };
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', checks };
  }
}
