/** Base path of the Flow Framework dialect and of Stepwise's extensions. */
export const WORKFLOW_PATH = '_plugins/_flow_framework/workflow';
