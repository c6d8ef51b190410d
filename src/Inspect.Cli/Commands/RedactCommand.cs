using System.Globalization;
using Inspect.Redaction.Files;
using Inspect.Scap.Reading;

namespace Inspect.Cli.Commands;

/// <summary>
/// <c>inspect redact IN OUT [--rules FILE]</c>: applies the rules <c>record</c> applies to an existing capture
/// (payloads, execve arguments and environments, the process table), streaming, and stores the counts in OUT.
/// </summary>
internal static class RedactCommand
{
    private const string Help = """
        usage: inspect redact IN OUT [--rules FILE]

          IN             a capture (.scap, plain or gzip) from inspect, sysdig or Falco
          OUT            the redacted copy (plain .scap); secrets become '*', lengths stay the same
          --rules FILE   add the redaction rules of FILE (YAML or JSON; see the README)
        The counts per rule are printed and stored in OUT's metadata (`inspect summary OUT` shows them).
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? rulesFile = null;
        var files = new List<string>();
        var cursor = new ArgumentCursor(args);
        while (cursor.HasMore)
        {
            var arg = cursor.Next();
            switch (arg)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return CommandLine.ExitOk;
                case "--rules":
                    rulesFile = cursor.ValueOf(arg);
                    break;
                case ['-', _, ..]:
                    throw new UsageException($"unknown option '{arg}' for redact (try `inspect redact --help`)");
                default:
                    files.Add(arg);
                    break;
            }
        }

        if (files.Count != 2)
        {
            throw new UsageException("redact needs an input and an output: inspect redact IN OUT [--rules FILE]");
        }

        var (input, output) = (files[0], files[1]);
        if (!File.Exists(input))
        {
            throw new FileNotFoundException($"cannot open {input}: no such file");
        }

        if (Path.GetFullPath(input) == Path.GetFullPath(output))
        {
            throw new UsageException("redact writes a new file: OUT must differ from IN");
        }

        var rules = RedactionArguments.Load(rulesFile);
        using var reader = ScapReader.Open(input);
        using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 18);
        var summary = CaptureFileRedactor.Redact(reader, file, rules);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inspect: redacted {input} to {output}"));
        stderr.WriteLine(Output.RedactionReport.Line(summary));
        return CommandLine.ExitOk;
    }
}
