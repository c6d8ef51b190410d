using Inspect.Crds.Generator;

// Usage: Inspect.Crds.Generator [--check] [output directory, default: config/crd of the repository]
// Writes config/crd/*.yaml from the C# types; with --check, writes nothing and exits 1 when a file is stale.
var check = args.Contains("--check");
var output = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? FindCrdDirectory();
var stale = 0;
foreach (var (fileName, text) in CrdCatalog.Render())
{
    var path = Path.Combine(output, fileName);
    var current = File.Exists(path) ? File.ReadAllText(path) : null;
    if (current == text)
    {
        continue;
    }

    stale++;
    if (check)
    {
        Console.Error.WriteLine($"stale: {path}");
    }
    else
    {
        Directory.CreateDirectory(output);
        File.WriteAllText(path, text);
        Console.WriteLine($"wrote {path}");
    }
}

return check && stale > 0 ? 1 : 0;

static string FindCrdDirectory()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Inspect.Operator.sln")))
        {
            return Path.Combine(dir.FullName, "config", "crd");
        }
    }

    throw new InvalidOperationException("run inside the repository, or pass the output directory");
}
