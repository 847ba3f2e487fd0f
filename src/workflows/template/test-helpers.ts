import { AppError, type ErrorCode } from '../../common/errors/app-error';

/** Runs fn, expecting an AppError with exactly this message (and code/status). */
export function expectAppError(fn: () => unknown, message: string, code: ErrorCode = 'InvalidTemplate', status = 400): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AppError);
  const error = thrown as AppError;
  expect({ message: error.message, code: error.code, status: error.status }).toEqual({ message, code, status });
}
