using System.Diagnostics;
using Inspect.Kubernetes.TestServer;
using Inspect.TestSupport;

namespace Inspect.Kubernetes.Tests.Kubectl;

/// <summary>A test server with the CEL evaluator, a kubeconfig pointing at it, and the real kubectl (v1.30) run
/// against it with a private discovery cache.</summary>
internal sealed class KubectlSession : IAsyncDisposable
{
    private readonly string _dir;

    private KubectlSession(KubeApiTestServer server, string dir)
    {
        Server = server;
        _dir = dir;
        Kubeconfig = server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
    }

    public KubeApiTestServer Server { get; }

    public string Kubeconfig { get; }

    public static async Task<KubectlSession> StartAsync()
    {
        Tools.RequireKubectl();
        var server = await KubeApiTestServer.StartAsync(new KubeApiTestServerOptions { Cel = Tools.CelIfInstalled() });
        return new KubectlSession(server, Directory.CreateTempSubdirectory("inspect-kubectl-").FullName);
    }

    /// <summary>Runs kubectl to completion, with no standard input (so it can never wait for a prompt).</summary>
    public ProcessResult Run(params string[] args)
    {
        var info = new ProcessStartInfo(Tools.Kubectl)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.RepoRoot,
        };
        foreach (var arg in (string[])[.. args, "--kubeconfig", Kubeconfig, "--cache-dir", Path.Combine(_dir, "cache")])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start kubectl");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in 60 s");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs kubectl and asserts it succeeded; returns stdout.</summary>
    public string Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        return result.Stdout;
    }

    /// <summary>Starts kubectl in the background.</summary>
    public Task<ProcessResult> Start(params string[] args) => Task.Run(() => Run(args));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
