using Inspect.Redaction.Events;
using Inspect.Redaction.Rules;
using static Inspect.Redaction.Tests.SecretEvents;

namespace Inspect.Redaction.Tests;

/// <summary>Secrets split across two consecutive buffers of one stream, and the cases where nothing may carry over.</summary>
public sealed class SplitSecretTests
{
    private readonly EventRedactor _redactor = new(RedactionRuleSet.BuiltIn);

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nAuthori", "zation: Bearer abcdef123\r\n\r\n", "", "abcdef123")]
    [InlineData("GET / HTTP/1.1\r\nAuthorization: Bearer abc", "def123\r\nHost: x\r\n", "abc", "def123")]
    [InlineData("user=bob&passw", "ord=hunter2&x=1", "", "hunter2")]
    [InlineData("GET / HTTP/1.1\r\nAuthorization: Basic", " dXNlcjpwYXNz\r\n\r\n", "Basic", " dXNlcjpwYXNz")]
    [InlineData("id AKIAIOSF", "ODNN7EXAMPLE rest", "AKIAIOSF", "ODNN7EXAMPLE")]
    [InlineData("t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIi", "OiIxMjM0NTY3ODkwIn0.sig rest", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIi", "OiIxMjM0NTY3ODkwIn0.sig")]
    public void A_secret_split_across_two_writes_on_one_fd_is_masked_in_both(string first, string second, string firstSecret, string secondSecret)
    {
        var (a, b) = WriteTwice(tid: 10, fd: 4, first, second);

        Assert.Equal(firstSecret.Length == 0 ? first : Masking.Expected(first, firstSecret), Payload(a));
        Assert.Equal(Masking.Expected(second, secondSecret), Payload(b));
        Assert.Equal(1, _redactor.Counts.Total);
    }

    [Fact]
    public void A_private_key_longer_than_the_carried_tail_is_masked_until_its_end_line()
    {
        var body = new string('A', 600);
        var buffers = new[] { "-----BEGIN PRIVATE KEY-----\n" + body[..300], body[300..], "\n-----END PRIVATE KEY-----\nok" };
        var payloads = buffers.Select(text => Write(10, 4, text)).Select(Payload).ToArray();

        Assert.Equal("-----BEGIN PRIVATE KEY-----" + new string('*', 301), payloads[0]);
        Assert.Equal(new string('*', 300), payloads[1]);
        Assert.Equal("*-----END PRIVATE KEY-----\nok", payloads[2]);
        Assert.Equal(1, _redactor.Counts["pem-private-key"]);
    }

    [Fact]
    public void Context_far_back_in_the_carried_tail_still_counts_after_a_buffer_without_anchors()
    {
        // The anchor is in the first buffer, the second holds none, the secret arrives in the third.
        var first = Payload(Write(10, 4, "POST /api HTTP/1.1\r\nX-Api-Key:"));
        var second = Payload(Write(10, 4, "    "));
        var third = Payload(Write(10, 4, "k3y-v4lue\r\n"));

        Assert.Equal("POST /api HTTP/1.1\r\nX-Api-Key:", first);
        Assert.Equal("    ", second);
        Assert.Equal("*********\r\n", third);
        Assert.Equal(1, _redactor.Counts["http-x-api-key"]);
    }

    [Fact]
    public void A_long_clean_buffer_clears_the_carried_context()
    {
        Write(10, 4, "X-Api-Key:");
        Write(10, 4, "\r\n" + new string('.', 200));

        Assert.Equal(" value", Payload(Write(10, 4, " value")));
    }

    [Fact]
    public void Context_does_not_carry_to_another_fd_or_thread_or_direction()
    {
        Write(10, 4, "Authorization: Bearer");
        var otherFd = Payload(Write(10, 5, " notasecret"));
        var otherThread = Payload(Write(11, 4, " notasecret"));
        var read = Payload(Read(10, 4, " notasecret"));

        Assert.Equal(" notasecret", otherFd);
        Assert.Equal(" notasecret", otherThread);
        Assert.Equal(" notasecret", read);
    }

    [Fact]
    public void Nothing_carries_over_after_a_buffer_cut_by_the_snaplen()
    {
        // The write moved 500 bytes but 30 were captured: the next write does not continue these bytes.
        var cut = Write(10, 4, "X-Api-Key: abcdefghijklmnopqrs", result: 500);
        var next = Write(10, 4, "GET /next HTTP/1.1\r\n");

        Assert.Equal("X-Api-Key: *******************", Payload(cut));
        Assert.Equal("GET /next HTTP/1.1\r\n", Payload(next));
    }

    [Fact]
    public void Execve_arguments_and_environment_are_masked_but_comm_is_not()
    {
        var evt = Execve(20, "/usr/bin/mysql", "--user\0root\0--password\0hunter2\0", "HOME=/root\0DB_PASSWORD=s3cret\0", comm: "password=x");
        var before = (byte[])evt.Clone();

        Assert.True(_redactor.Redact(evt));

        var text = System.Text.Encoding.Latin1.GetString(evt);
        Assert.Contains("--password\0*******\0", text, StringComparison.Ordinal);
        Assert.Contains("DB_PASSWORD=******\0", text, StringComparison.Ordinal);
        Assert.Contains("password=x\0", text, StringComparison.Ordinal);
        Assert.Equal(before.Length, evt.Length);
        Assert.Equal(2, _redactor.Counts.Total);
    }

    [Fact]
    public void Stream_table_stays_bounded()
    {
        for (var fd = 0; fd < EventRedactor.MaxStreams + 10; fd++)
        {
            Write(1, fd, "x");
        }

        Assert.True(_redactor.TrackedStreams <= EventRedactor.MaxStreams);
    }

    private (byte[] First, byte[] Second) WriteTwice(long tid, long fd, string first, string second) =>
        (Write(tid, fd, first), Write(tid, fd, second));

    private byte[] Write(long tid, long fd, string data, long? result = null)
    {
        _redactor.Redact(IoEnter(WriteEnter, tid, fd, (uint)data.Length));
        var exit = IoExit(WriteExit, tid, data, result);
        _redactor.Redact(exit);
        return exit;
    }

    private byte[] Read(long tid, long fd, string data)
    {
        _redactor.Redact(IoEnter(ReadEnter, tid, fd, 4096));
        var exit = IoExit(ReadExit, tid, data);
        _redactor.Redact(exit);
        return exit;
    }
}
