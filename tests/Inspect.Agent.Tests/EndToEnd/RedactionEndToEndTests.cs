using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Inspect.Agent.Tests.Support;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.EndToEnd;

/// <summary>
/// The real <c>inspect record</c> with the real probe (root only), redacting by default: a workload sends an HTTP
/// request with an Authorization header and a JWT and AWS keys over a loopback socket, and runs a command with a
/// password argument. None of the secrets may be in the file's bytes or in what sysdig 0.29.3 prints, sysdig must read
/// the file, and every byte around each secret must be the workload's.
/// </summary>
public sealed class RedactionEndToEndTests : IDisposable
{
    private const string Python = "/usr/bin/python3";

    // Large enough for the whole request and the key line: a secret cut by the snaplen would prove less.
    private const string Snaplen = "1024";

    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-redaction-e2e-").FullName;

    private string Capture => Path.Join(_dir, "capture.scap");

    private static string Workload => Path.Join(AppContext.BaseDirectory, "Workloads", "secrets_workload.py");

    [Fact]
    public void Recorded_secrets_never_reach_the_file_and_everything_around_them_does()
    {
        ProbeRequirement.SkipUnlessProbeLoads();

        var result = InspectRecorder.Run("-o", Capture, "--snaplen", Snaplen, "--", Python, Workload);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var sent = JsonSerializer.Deserialize<Dictionary<string, string>>(result.Stdout.Trim())!
            .ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(Convert.FromHexString(p.Value)));
        string[] secrets = [sent["bearer"], sent["jwt"], sent["aws_key_id"], sent["aws_secret"], sent["password"]];

        var raw = Encoding.Latin1.GetString(File.ReadAllBytes(Capture));
        var everything = Sysdig.Read(Capture, "-v", "-p", "*%evt.num %proc.name %evt.type %evt.args %proc.args %proc.env");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // Both ends of the connection saw the same bytes: the workload's, with each secret starred out and nothing
        // else changed (sysdig prints CR and LF as dots).
        var request = Printed(Starred(sent["request"], sent["bearer"]));
        var keys = Printed(Starred(sent["keys"], sent["jwt"], sent["aws_key_id"], sent["aws_secret"]));
        var sends = Lines("evt.dir=< and evt.type=sendto and proc.name=python3", "%evt.buffer");
        Assert.Contains(request, sends);
        Assert.Contains(keys, sends);
        Assert.Contains(request + keys, string.Concat(Lines("evt.dir=< and evt.type=recvfrom and proc.name=python3 and evt.rawres>0", "%evt.buffer")), StringComparison.Ordinal);

        // The command line keeps its shape: the option is there, its value is masked to the same length.
        Assert.Contains(
            $"--password {new string('*', sent["password"].Length)}",
            Lines("evt.type=execve and evt.dir=< and proc.name=true", "%proc.args"));

        // What record reports is what the file's metadata holds, and each kind of secret was counted.
        foreach (var rule in new[] { "http-authorization", "jwt", "aws-access-key-id", "aws-secret-access-key", "password-option" })
        {
            Assert.Matches($@"redaction: \d+ secrets masked \(.*{Regex.Escape(rule)} [1-9]", result.Stderr);
        }

        Assert.Contains("Secrets redacted\n", InspectSummary(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_redact_keeps_the_bytes_as_they_were()
    {
        ProbeRequirement.SkipUnlessProbeLoads();

        var result = InspectRecorder.Run("-o", Capture, "--snaplen", Snaplen, "--no-redact", "--", Python, Workload);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("not redacted", result.Stderr, StringComparison.Ordinal);
        var sent = JsonSerializer.Deserialize<Dictionary<string, string>>(result.Stdout.Trim())!;
        var bearer = Encoding.UTF8.GetString(Convert.FromHexString(sent["bearer"]));
        Assert.Contains(bearer, Encoding.Latin1.GetString(File.ReadAllBytes(Capture)), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Starred(string text, params string[] secrets) =>
        secrets.Aggregate(text, (t, s) => t.Replace(s, new string('*', s.Length), StringComparison.Ordinal));

    private static string Printed(string text) => text.Replace('\r', '.').Replace('\n', '.');

    private List<string> Lines(string filter, string format) =>
        [.. Sysdig.Read(Capture, "-v", "-p", format, filter).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private string InspectSummary()
    {
        var summary = ExternalProcess.Run(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "inspect.dll"), "summary", Capture]);
        Assert.True(summary.ExitCode == 0, summary.Stderr);
        return summary.Stdout;
    }
}
