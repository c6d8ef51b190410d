namespace Inspect.Cli;

/// <summary>The command line itself is wrong (unknown option, missing argument): reported with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
