using System.Security.Cryptography;
using Inspect.Storage.Encryption;
using Inspect.Storage.Location;
using Inspect.Storage.Upload;
using Inspect.TestSupport;

namespace Inspect.Storage.Tests;

/// <summary>The real <c>inspect</c> (inspect.dll beside the tests) fetching from s3rver and reading encrypted captures.</summary>
public sealed class CliStorageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("inspect-cli-storage-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Capture_fetch_refuses_an_encrypted_object_without_the_key_and_with_it_writes_a_file_sysdig_and_the_read_verbs_read()
    {
        using var s3 = S3rverServer.StartOrSkip();
        var sample = RepoPaths.Sample("libs_sample.scap");
        var keyFile = Path.Combine(_work, "capture.key");
        File.WriteAllText(keyFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        var kek = KeyEncryptionKey.FromFile(keyFile);
        var key = ObjectKeys.ForLocalCapture("cli", "node-1", DateTimeOffset.UnixEpoch, encrypted: true);
        using (var upload = CaptureUploadStream.Start(s3.Endpoint, S3rverServer.Bucket, key, new UploadOptions { SpoolDirectory = Path.Combine(_work, "spool"), ClientSideKey = kek }))
        {
            upload.Write(File.ReadAllBytes(sample));
            Assert.True((await upload.CompleteAsync(cancel: TestContext.Current.CancellationToken)).Complete);
        }

        var credentials = Path.Combine(_work, "credentials");
        File.WriteAllText(credentials, "[default]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n");
        var output = Path.Combine(_work, "fetched.scap.gz");
        string[] fetch = ["capture", "fetch", $"s3://{S3rverServer.Bucket}/{key}", output, "--endpoint", s3.Url.ToString(), "--credentials", credentials];

        var refused = Inspect(fetch);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"is encrypted (key id {kek.Id}); pass --key", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("S3RVER", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        var fetched = Inspect([.. fetch, "--key", keyFile]);
        Assert.True(fetched.ExitCode == 0, fetched.Stderr);
        Assert.Contains("as recorded", fetched.Stderr, StringComparison.Ordinal);
        Assert.Equal(Sysdig.Read(sample), Sysdig.Read(output));

        // The raw object, as a file: the read verbs refuse it without the key and read it like the original with it.
        var raw = Path.Combine(_work, "raw.scap.gz.enc");
        File.WriteAllBytes(raw, UploadRoundTripTests.StoredObject(s3, key));
        var noKey = Inspect(["read", raw]);
        Assert.Equal(1, noKey.ExitCode);
        Assert.Equal($"inspect: {raw} is encrypted (key id {kek.Id}); pass --key FILE", noKey.Stderr.Trim());
        foreach (var verb in new[] { "read", "summary", "payload" })
        {
            var plain = Inspect([verb, sample]);
            var decrypted = Inspect([verb, raw, "--key", keyFile]);
            Assert.True(decrypted.ExitCode == 0, decrypted.Stderr);
            Assert.Equal(plain.Stdout, decrypted.Stdout);
        }

        var view = Inspect(["view", "files", raw, "--key", keyFile]);
        Assert.Equal(Inspect(["view", "files", sample]).Stdout, view.Stdout);
    }

    [Fact]
    public void Capture_fetch_without_credentials_or_endpoint_says_what_is_missing()
    {
        var noEndpoint = Inspect(["capture", "fetch", "s3://captures/a.scap.gz", Path.Combine(_work, "x")]);
        Assert.Equal(2, noEndpoint.ExitCode);
        Assert.Contains("--endpoint", noEndpoint.Stderr, StringComparison.Ordinal);

        var badUri = Inspect(["capture", "fetch", "http://captures/a", Path.Combine(_work, "x"), "--endpoint", "http://127.0.0.1:1"]);
        Assert.Equal(2, badUri.ExitCode);
        Assert.Contains("not an s3:// address", badUri.Stderr, StringComparison.Ordinal);
    }

    private static ProcessResult Inspect(string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "inspect.dll");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // The tests decide where credentials come from; none leak in from the environment.
        info.Environment.Remove("AWS_ACCESS_KEY_ID");
        info.Environment.Remove("AWS_SECRET_ACCESS_KEY");
        info.Environment.Remove("AWS_ENDPOINT_URL");
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
