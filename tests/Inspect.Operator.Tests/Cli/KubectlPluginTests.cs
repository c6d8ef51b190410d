using System.Diagnostics;
using Inspect.Crds.Capture;
using Inspect.Operator.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Operator.Tests.Cli;

/// <summary>
/// The kubectl plugin as a user installs it: <c>scripts/install-kubectl-plugin DIR</c>, DIR on PATH, then the real
/// kubectl finds <c>kubectl-inspect</c> and runs <c>kubectl inspect ...</c> through it. The plugin runs the CLI this
/// test was built with (<c>INSPECT_CLI</c>), so the test does not rebuild the checkout's <c>./inspect</c>.
/// </summary>
public sealed class KubectlPluginTests
{
    [Fact]
    public async Task Kubectl_lists_the_installed_plugin_and_runs_capture_verbs_through_it()
    {
        var kubectl = InspectCliRun.RequireKubectl();
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        await cluster.StartOperatorAsync();
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Join(cluster.Root, "kubeconfig"));
        var bin = Path.Join(cluster.Root, "bin");

        var install = ExternalProcess.Run(Path.Join(RepoPaths.RepoRoot, "scripts", "install-kubectl-plugin"), [bin]);
        Assert.True(install.ExitCode == 0, install.Stderr);
        Assert.Equal(Path.Join(RepoPaths.RepoRoot, "scripts", "kubectl-inspect"), new FileInfo(Path.Join(bin, "kubectl-inspect")).LinkTarget);

        var environment = new Dictionary<string, string>
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["INSPECT_CLI"] = Path.Join(AppContext.BaseDirectory, "inspect"),
        };
        var plugins = Run(kubectl, environment, "plugin", "list");
        Assert.True(plugins.ExitCode == 0, plugins.Stderr);
        Assert.Contains(Path.Join(bin, "kubectl-inspect"), plugins.Stdout);

        // Created through the plugin, with kubectl's own --kubeconfig and -n passed through unchanged.
        var created = Run(kubectl, environment, "inspect", "capture", "create", "via-plugin", "--kubeconfig", kubeconfig, "-n", "default",
            "--node", "node-a", "--node-selector", "x=y", "--duration", "1s");
        Assert.Equal(2, created.ExitCode);
        Assert.Contains("--node and --node-selector cannot be combined", created.Stderr);

        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("via-plugin", duration: "1s"));
        await cluster.WaitForAsync("via-plugin", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");
        var listed = Run(kubectl, environment, "inspect", "capture", "list", "--kubeconfig", kubeconfig);
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Equal(WithoutAges((await InspectCliRun.OkAsync("capture", "list", "--kubeconfig", kubeconfig))), WithoutAges(listed.Stdout));
        Assert.Matches(@"(?m)^via-plugin\s+Succeeded\s+1\s+", listed.Stdout);

        var got = Run(kubectl, environment, "inspect", "capture", "get", "via-plugin", "--kubeconfig", kubeconfig);
        Assert.True(got.ExitCode == 0, got.Stderr);
        Assert.Contains("Phase:      Succeeded", got.Stdout);

        // Any other verb goes through unchanged too.
        var help = Run(kubectl, environment, "inspect", "help");
        Assert.True(help.ExitCode == 0, help.Stderr);
        Assert.StartsWith("usage: inspect <command>", help.Stdout);
    }

    [Fact]
    public void Without_an_inspect_program_the_plugin_says_how_to_get_one()
    {
        using var dir = new TemporaryCopy();
        var result = Run(dir.Plugin, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, "capture", "list");

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("kubectl-inspect: cannot find the inspect program", result.Stderr);
    }

    private static string WithoutAges(string table) => System.Text.RegularExpressions.Regex.Replace(table, @"(?m)\s+\S+$", "");

    private static ProcessResult Run(string program, Dictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("INSPECT_CLI");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    // The plugin script alone in a directory, away from the checkout's inspect wrapper.
    private sealed class TemporaryCopy : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("inspect-plugin-").FullName;

        public TemporaryCopy()
        {
            Plugin = Path.Join(_dir, "kubectl-inspect");
            File.Copy(Path.Join(RepoPaths.RepoRoot, "scripts", "kubectl-inspect"), Plugin);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public string Plugin { get; }

        public void Dispose() => Directory.Delete(_dir, recursive: true);
    }
}
