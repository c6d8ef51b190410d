namespace Inspect.Redaction.Tests;

/// <summary>Each built-in rule on text it must mask (only the secret, same length) and text it must leave alone.</summary>
public sealed class BuiltInRuleTests
{
    public static TheoryData<string, string, string[]> Positives => new()
    {
        { "http-authorization", "GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc.DEF-123\r\nAccept: */*\r\n\r\n", ["abc.DEF-123"] },
        { "http-authorization", "Authorization: Basic dXNlcjpodW50ZXIy\r\n", ["dXNlcjpodW50ZXIy"] },
        { "http-authorization", "authorization:opaque-token-without-scheme\r\n", ["opaque-token-without-scheme"] },
        { "http-authorization", "Proxy-Authorization: Digest username=\"u\", response=\"6629fae4\"\r\n", ["username=\"u\", response=\"6629fae4\""] },
        { "http-authorization", "curl\0-H\0Authorization: Token s3cr3t\0http://x/\0", ["s3cr3t"] },
        { "http-cookie", "Cookie: session=31d4d96e407aad42; lang=en\r\n", ["session=31d4d96e407aad42; lang=en"] },
        { "http-cookie", "HTTP/1.1 200 OK\r\nSet-Cookie: id=a3fWa; Expires=Thu, 21 Oct 2021 07:28:00 GMT\r\n", ["id=a3fWa; Expires=Thu, 21 Oct 2021 07:28:00 GMT"] },
        { "http-x-api-key", "X-Api-Key: 9f8e7d6c5b4a\r\n", ["9f8e7d6c5b4a"] },
        { "aws-access-key-id", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", ["AKIAIOSFODNN7EXAMPLE"] },
        { "aws-access-key-id", "{\"AccessKeyId\":\"ASIAY34FZKBOKMUTVV7A\"}", ["ASIAY34FZKBOKMUTVV7A"] },
        { "aws-access-key-id", "key AKIAIOSFOD", ["AKIAIOSFOD"] },
        { "aws-secret-access-key", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\0HOME=/root\0", ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"] },
        { "aws-secret-access-key", "{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}", ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"] },
        { "jwt", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U done", ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"] },
        { "jwt", "cut: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0", ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0"] },
        { "bearer-token", "{\"header\": \"bearer mF_9.B5f-4.1JqM\"}", ["mF_9.B5f-4.1JqM"] },
        { "pem-private-key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nq1w2e3r4\n-----END RSA PRIVATE KEY-----\n", ["\nMIIEowIBAAKCAQEA\nq1w2e3r4\n"] },
        { "pem-private-key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA", ["\nb3BlbnNzaC1rZXktdjEAAAAA"] },
        { "password-option", "mysql\0--user\0root\0--password\0hunter2\0db\0", ["hunter2"] },
        { "password-option", "tool --token abc123 --verbose", ["abc123"] },
        { "secret-pair", "GET /login?user=bob&password=hunter2&next=/ HTTP/1.1", ["hunter2"] },
        { "secret-pair", "DB_PASSWORD=s3cret!\0PATH=/usr/bin\0", ["s3cret!"] },
        { "secret-pair", "{\"api_key\": \"k-123\", \"name\": \"x\"}", ["k-123"] },
        { "secret-pair", "client_secret: abc\n", ["abc"] },
        { "secret-pair", "app\0--password=hunter2\0", ["hunter2"] },
        { "secret-pair", "pwd=opensesame&x=1", ["opensesame"] },
        { "secret-pair", "GITHUB_TOKEN=ghp_abcdef", ["ghp_abcdef"] },
        { "secret-pair", "user=bob&pass=letmein", ["letmein"] },
        { "secret-pair", "REDIS_PASS=letmein\0", ["letmein"] },
    };

    public static TheoryData<string> Negatives => new()
    {
        "GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n",
        "PWD=/home/alice\0OLDPWD=/tmp\0SHELL=/bin/bash\0",
        "passwd:         files systemd\ngroup:          files systemd\n",
        "/etc/passwd",
        "mkdir\0-p\0/var/lib/app\0",
        "AKIA is a prefix used by access keys, as in AKIAxyz",
        "eyJ is how base64 JSON starts",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        "Authorization:\r\n",
        "password=\0",
        "sha1 0123456789abcdef0123456789abcdef01234567",
        "SYSTEMD_NSS_DYNAMIC_BYPASS=1\0COMPASS=north\0passport=x\0",
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void Rule_masks_exactly_the_secret_and_counts_it(string rule, string input, string[] secrets)
    {
        var (text, counts) = Masking.Redact(input);

        Assert.Equal(Masking.Expected(input, secrets), text);
        Assert.Equal(input.Length, text.Length);
        Assert.True(counts[rule] >= 1, $"rule {rule} counted {counts[rule]}");
        Assert.Equal(secrets.Length, counts.Total);
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Clean_text_is_left_alone(string input)
    {
        var (text, counts) = Masking.Redact(input);

        Assert.Equal(input, text);
        Assert.Equal(0, counts.Total);
    }

    [Fact]
    public void A_secret_matched_by_two_rules_is_counted_once_by_the_first()
    {
        var (text, counts) = Masking.Redact("Authorization: Bearer abc123\r\n");

        Assert.Equal("Authorization: Bearer ******\r\n", text);
        Assert.Equal(1, counts["http-authorization"]);
        Assert.Equal(0, counts["bearer-token"]);
    }

    [Fact]
    public void Utf8_secrets_are_masked_whole_even_with_bytes_that_are_spaces_in_latin1()
    {
        // "à" is C3 A0 in UTF-8; A0 is a no-break space in Latin-1, which must not end the value.
        var input = System.Text.Encoding.UTF8.GetBytes("password=voilà123&x=1");
        var set = Rules.RedactionRuleSet.BuiltIn;
        new Matching.TextRedactor(set, new RedactionCounts(set)).Redact(input, carry: null);

        Assert.Equal("password=*********&x=1", System.Text.Encoding.Latin1.GetString(input));
    }
}
