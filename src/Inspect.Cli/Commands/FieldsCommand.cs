using Inspect.Analysis.Fields;
using Inspect.Analysis.Formatting;

namespace Inspect.Cli.Commands;

/// <summary><c>inspect fields [FAMILY] [--json]</c>: lists the fields usable in filters and output formats.</summary>
internal static class FieldsCommand
{
    private const string Help = """
        usage: inspect fields [FAMILY] [--json]

          FAMILY   only fields whose name starts with it (evt, proc, thread, fd, user, group, container, k8s)
          --json   one JSON object per field: name, type, description, argument, filterOnly
        """;

    public static int Run(string[] args, TextWriter stdout)
    {
        string? family = null;
        var json = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return CommandLine.ExitOk;
                case "--json" or "-j":
                    json = true;
                    break;
                case ['-', ..]:
                    throw new UsageException($"fields: unknown option {arg}");
                default:
                    family = arg.TrimEnd('.');
                    break;
            }
        }

        var fields = FieldRegistry.All
            .Where(f => family is null || f.Name.StartsWith(family + ".", StringComparison.Ordinal) || f.Name == family)
            .ToList();
        if (fields.Count == 0)
        {
            throw new UsageException($"fields: no field family '{family}' (try evt, proc, thread, fd, user, group, container, k8s)");
        }

        if (json)
        {
            foreach (var f in fields)
            {
                stdout.WriteLine(Json.Object(new Dictionary<string, object?>
                {
                    ["name"] = f.Name,
                    ["type"] = TypeName(f.Type),
                    ["description"] = f.Description,
                    ["argument"] = f.ArgumentSyntax.Length == 0 ? null : f.ArgumentSyntax,
                    ["filterOnly"] = (f.Flags & FieldFlags.FilterOnly) != 0,
                }));
            }

            return CommandLine.ExitOk;
        }

        var width = fields.Max(f => f.Name.Length + f.ArgumentSyntax.Length) + 2;
        string? current = null;
        foreach (var f in fields)
        {
            if (f.Family != current)
            {
                if (current is not null)
                {
                    stdout.WriteLine();
                }

                current = f.Family;
                stdout.WriteLine($"{current}.* fields");
            }

            var name = f.Name + f.ArgumentSyntax;
            var note = (f.Flags & FieldFlags.FilterOnly) != 0 ? " (filters only)" : "";
            stdout.WriteLine($"  {name.PadRight(width)}{TypeName(f.Type),-8} {f.Description}{note}");
        }

        return CommandLine.ExitOk;
    }

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.CharBuf => "string",
        FieldType.ByteBuf => "bytes",
        FieldType.Bool => "bool",
        FieldType.IpAddr => "ip",
        FieldType.Port => "port",
        FieldType.RelTime => "ns",
        FieldType.Double => "number",
        FieldType.Int16 or FieldType.Int32 or FieldType.Int64 => "int",
        _ => "uint",
    };
}
