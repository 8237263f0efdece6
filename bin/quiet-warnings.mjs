// stderr carries only the command's own messages (contract.md): the AWS SDK's
// Node-version notice and similar library warnings are dropped here, while
// every other warning still reaches stderr.
const LIBRARY_WARNINGS = [/AWS SDK for JavaScript/i, /NodeDeprecationWarning/, /ExperimentalWarning/];

export function silenceLibraryWarnings() {
  // The AWS SDK's own switch for its Node-version notice.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Lambda's JSON logs would drown the terminal's progress lines; errors still show.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  // The handlers' CloudWatch metrics (EMF lines on stdout) mean nothing off Lambda.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    const text = `${warning.name}: ${warning.message}`;
    if (LIBRARY_WARNINGS.some((pattern) => pattern.test(text))) return;
    process.stderr.write(`${text}\n`);
  });
}
