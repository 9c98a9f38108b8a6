// Imported FIRST by the generator entry points. Loading @cdktf/commons runs
// `$TERRAFORM_BINARY_NAME version -json` and, on failure, reports to HashiCorp's checkpoint
// service. Generation needs neither: disable telemetry, and give that probe an empty CLI config
// so a missing ~/.terraformrc does not print a warning. Explicit user settings win.
process.env.CHECKPOINT_DISABLE ??= '1';
process.env.TF_CLI_CONFIG_FILE ??= '/dev/null';

export {};
