using System.Text;
using Inspect.Scap.Reading;
using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>
/// <c>inspect redact</c> checked with Debian's sysdig 0.29.3 as the independent reader: redacted files still open, show
/// the same events, lose exactly the secrets and keep every byte around them.
/// </summary>
public sealed class RedactCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inspect-redact-").FullName;

    public static TheoryData<string> Samples => new(RepoPaths.SampleNames);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Redacted_samples_read_in_sysdig_like_the_originals(string sample)
    {
        var input = RepoPaths.Sample(sample);
        var output = Path.Join(_dir, sample);

        var result = InspectCli.Run("redact", input, output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var original = Sysdig.Read(input);
        var redacted = Sysdig.Read(output);
        using var reader = ScapReader.Open(output);
        var summary = ReadSummary(reader);
        Assert.True(summary.Final);
        if (summary.Total == 0)
        {
            Assert.Equal(original, redacted);
        }
        else
        {
            Assert.Equal(original.Split('\n').Length, redacted.Split('\n').Length);
        }
    }

    [Fact]
    public void Secrets_are_gone_from_the_file_and_from_sysdig_while_everything_around_them_stays()
    {
        var input = Path.Join(_dir, "secrets.scap");
        var output = Path.Join(_dir, "redacted.scap");
        SecretCapture.Write(input);

        var result = InspectCli.Run("redact", input, output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var raw = Encoding.Latin1.GetString(File.ReadAllBytes(output));
        var original = Sysdig.Read(input, "-v", "-p", "*%evt.num %evt.type %evt.args %proc.args %proc.env");
        var redacted = Sysdig.Read(output, "-v", "-p", "*%evt.num %evt.type %evt.args %proc.args %proc.env");
        foreach (var (secret, _) in SecretCapture.Secrets.Append((SecretCapture.KeyBody2, "")))
        {
            Assert.Contains(secret, Encoding.Latin1.GetString(File.ReadAllBytes(input)), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        }

        foreach (var kept in SecretCapture.Surroundings)
        {
            Assert.True(redacted.Contains(kept, StringComparison.Ordinal), $"'{kept}' is missing from sysdig's output:\n{redacted}");
        }

        // sysdig's view of the original with each secret starred out is exactly its view of the redacted file:
        // nothing else changed, not a byte around a secret, not an event. sysdig prints the newlines inside the
        // private key as dots, and those newlines belong to the masked body.
        Assert.Equal(Starred(original), redacted);
    }

    [Fact]
    public void Counts_per_rule_are_stored_in_the_file_and_shown_by_summary()
    {
        var input = Path.Join(_dir, "secrets.scap");
        var output = Path.Join(_dir, "redacted.scap");
        SecretCapture.Write(input);

        var result = InspectCli.Run("redact", input, output);
        using (var reader = ScapReader.Open(output))
        {
            var summary = ReadSummary(reader);
            var expected = SecretCapture.Secrets.GroupBy(s => s.Rule).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.True(summary.Final);
            Assert.Equal(expected, summary.Rules.Where(r => r.Count > 0).ToDictionary(r => r.Rule, r => r.Count));
        }

        Assert.Contains($"{SecretCapture.Secrets.Count} secrets masked", result.Stderr, StringComparison.Ordinal);
        var text = InspectCli.Run("summary", output).Stdout;
        Assert.Contains("Secrets redacted", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  2\s+aws-secret-access-key\n", text);
        Assert.Contains("\"redaction\":{\"final\":true", InspectCli.Run("summary", output, "--json").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void User_rules_from_a_file_are_applied_and_bad_files_are_refused()
    {
        var input = Path.Join(_dir, "secrets.scap");
        SecretCapture.Write(input);
        var rules = Path.Join(_dir, "rules.yaml");
        File.WriteAllText(rules, "rules:\n  - name: internal-host\n    literal: api.internal\n");

        var result = InspectCli.Run("redact", input, Path.Join(_dir, "out.scap"), "--rules", rules);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("internal-host 1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("api.internal", Sysdig.Read(Path.Join(_dir, "out.scap")), StringComparison.Ordinal);

        File.WriteAllText(rules, "rules:\n  - name: broken\n    regex: '[a-'\n");
        var bad = InspectCli.Run("redact", input, Path.Join(_dir, "out2.scap"), "--rules", rules);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains($"{rules}: rule 'broken': invalid regex", bad.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Scap.Model.RedactionSummary ReadSummary(ScapReader reader)
    {
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind == ScapRecordKind.RedactionSummary)
            {
                return reader.Redaction!;
            }
        }

        throw new InvalidOperationException("no redaction summary in the file");
    }

    private static string Starred(string text)
    {
        string[] secrets =
        [
            SecretCapture.Bearer, SecretCapture.Jwt, SecretCapture.AccessKeyId, SecretCapture.SecretKey, SecretCapture.ArgPassword,
            SecretCapture.EnvPassword, SecretCapture.TableSecret, "." + SecretCapture.KeyBody1, SecretCapture.KeyBody2 + ".",
        ];
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, new string('*', secret.Length), StringComparison.Ordinal);
        }

        return text;
    }
}
