using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Inspect.Storage.S3;
using Inspect.TestSupport;

namespace Inspect.Storage.Tests;

/// <summary>
/// A real S3 API server for tests: s3rver (npm, installed under .tools/ by scripts/install-deps) on loopback, on a free
/// port, storing into a temporary directory. It can be stopped and started again on the same port and directory, which
/// is how the tests take storage away mid-upload. Its multipart uploads live in that directory, so they survive.
/// </summary>
public sealed class S3rverServer : IDisposable
{
    public const string Bucket = "captures";
    private Process? _process;

    private S3rverServer(string script, int port, string directory)
    {
        Script = script;
        Port = port;
        Directory = directory;
    }

    public string Script { get; }

    public int Port { get; }

    public string Directory { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// <summary>s3rver's fixed credentials.</summary>
    public StorageEndpoint Endpoint => new(Url, new StorageCredentials("S3RVER", "S3RVER"));

    /// <summary>Starts s3rver with the bucket <see cref="Bucket"/>; skips the test, with the reason, where node or s3rver is missing.</summary>
    public static S3rverServer StartOrSkip()
    {
        var script = Path.Combine(RepoPaths.RepoRoot, ".tools", "node_modules", "s3rver", "bin", "s3rver.js");
        var node = FindNode();
        if (node is null)
        {
            Assert.Skip("node is not installed: the storage tests need s3rver (scripts/install-deps installs node, npm and s3rver)");
        }

        if (!File.Exists(script))
        {
            Assert.Skip($"s3rver is not installed at {script}: run scripts/install-deps");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("inspect-s3rver-").FullName;
        var server = new S3rverServer(script, FreePort(), directory);
        server.Start();
        return server;
    }

    public void Start()
    {
        var info = new ProcessStartInfo(FindNode()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Script, "-d", Directory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start s3rver");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode} at start");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"s3rver did not listen on port {Port} within 30 s");
    }

    /// <summary>Kills the server (as a crash or an outage would), keeping its directory.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
