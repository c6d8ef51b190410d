using System.Text;
using Inspect.Cli;

// Block-buffered stdout: event listings are millions of lines, and a console writer flushing per line would dominate.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
var exitCode = CommandLine.Run(args, stdout, Console.Error);
try
{
    stdout.Flush();
}
catch (IOException)
{
    // The reader of our output went away (e.g. `| head`); nothing left to tell it.
}

return exitCode;
