// stderr carries only the command's own messages (contract.md): the AWS SDK's
// Node-version notice and similar library warnings are dropped here, while
// every other warning still reaches stderr.
const LIBRARY_WARNINGS = [/AWS SDK for JavaScript/i, /NodeDeprecationWarning/, /ExperimentalWarning/];

export function silenceLibraryWarnings() {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    const text = `${warning.name}: ${warning.message}`;
    if (LIBRARY_WARNINGS.some((pattern) => pattern.test(text))) return;
    process.stderr.write(`${text}\n`);
  });
}
