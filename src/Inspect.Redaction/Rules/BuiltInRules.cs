using System.Text.RegularExpressions;

namespace Inspect.Redaction.Rules;

/// <summary>
/// The rules every capture gets unless they are turned off. Each pattern matches its context (a header name, a key)
/// and the secret, with a second pattern naming the context; it tolerates a secret cut at the end of the buffer
/// (snaplen), and is listed with the literals that must occur for it to match, so a clean buffer costs one vectorised
/// search.
/// </summary>
/// <remarks>
/// Order matters for counting only: when two rules match the same bytes, the first one counts it. The specific rules
/// (AWS, JWT) come before the generic <c>key=value</c> rule.
/// </remarks>
public static class BuiltInRules
{
    private const RegexOptions Options = RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // Keys whose value is a secret in key=value pairs: URL queries, environment strings, config files, JSON, --opt=value.
    private const string SecretKeyword = "password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?";

    // A key naming a secret: one holding a keyword anywhere, or ending in a "pass" segment (pass=, DB_PASS=), which
    // as a bare substring would also catch BYPASS= and COMPASS=.
    private const string SecretKey = @"(?:[A-Za-z0-9_.-]*(?:" + SecretKeyword + @")[A-Za-z0-9_.-]*|(?:[A-Za-z0-9_.-]*[_.-])?pass)";

    // ASCII whitespace for use inside character classes. Not \s: patterns see UTF-8 bytes as Latin-1 chars, and \s
    // would take the continuation bytes 0x85 and 0xA0 of a multi-byte character for spaces and end a secret early.
    private const string Space = @"\t-\r ";

    // The characters a key=value secret runs over: up to whitespace, NUL, a quote or a separator of queries and lists.
    private const string PairValue = @"[^" + Space + @"\x00""'&;,]";

    // Long options whose next argument is a secret; longest alternatives first, so "--password" is not read as "--pass".
    private const string SecretOption = "(?:password|passwd|pass|pwd|token|secret|api[_-]?key|access[_-]?key|client[_-]?secret)";

    private static readonly string[] SecretAnchors = ["pass", "pwd", "secret", "token", "key", "credential"];

    /// <summary>Names of the built-in rules, in order.</summary>
    public static IReadOnlyList<string> Names => All.Select(r => r.Name).ToArray();

    /// <summary>The built-in rules, compiled once per process.</summary>
    public static IReadOnlyList<RedactionRule> All { get; } = Create();

    private static RedactionRule[] Create() =>
    [
        // Authorization and Proxy-Authorization header values. With a scheme ("Bearer x", "Basic x") only the
        // credentials are masked, so the scheme stays visible; a value of one word is masked whole.
        Rule(
            "http-authorization",
            @"(?i)authorization[ \t]*:[ \t]*(?:[a-z][a-z0-9_-]*[ \t]+(?=[^" + Space + @"\x00]))?[^" + Space + @"\x00][^\r\n\x00]*",
            @"(?i)^authorization[ \t]*:[ \t]*(?:[a-z][a-z0-9_-]*[ \t]+(?=[^" + Space + @"\x00]))?",
            ["authorization"],
            @"^[^\r\n\x00]+"),

        // Cookie and Set-Cookie header values, whole (names included: a session cookie's name can identify the
        // session store, and attributes such as Path are not worth a partial mask).
        Rule(
            "http-cookie",
            @"(?i)cookie[ \t]*:[ \t]*[^" + Space + @"\x00][^\r\n\x00]*",
            @"(?i)^cookie[ \t]*:[ \t]*",
            ["cookie"],
            @"^[^\r\n\x00]+"),

        Rule(
            "http-x-api-key",
            @"(?i)x-api-key[ \t]*:[ \t]*[^" + Space + @"\x00][^\r\n\x00]*",
            @"(?i)^x-api-key[ \t]*:[ \t]*",
            ["x-api-key"],
            @"^[^\r\n\x00]+"),

        // AWS access key ids: a four-letter kind prefix and 16 upper-case letters or digits. A prefix cut by the end
        // of the buffer is masked too, since the rest may follow in the next buffer.
        Rule(
            "aws-access-key-id",
            @"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)(?:[A-Z0-9]{16}(?![A-Z0-9])|[A-Z0-9]{0,15}\z)",
            null,
            ["akia", "asia", "abia", "acca", "agpa", "aida", "aipa", "anpa", "anva", "apka", "aroa"],
            @"^[A-Z0-9]{1,16}"),

        // AWS secret access keys: 40 base64 characters, recognised by their key name (environment, credentials file,
        // STS JSON). A bare 40-character string is not masked: too many hashes look the same.
        Rule(
            "aws-secret-access-key",
            @"(?i)secret_?access_?key[""']?[ \t]*[=:][ \t]*[""']?(?-i:[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])|[A-Za-z0-9/+]{1,39}\z)",
            @"(?i)^secret_?access_?key[""']?[ \t]*[=:][ \t]*[""']?",
            ["secret"],
            @"^[A-Za-z0-9/+]{1,40}"),

        // JSON Web Tokens: base64url header and payload (both JSON objects, so "eyJ") and the signature if present.
        Rule(
            "jwt",
            @"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?",
            null,
            ["eyJ"],
            @"^[A-Za-z0-9_.-]+"),

        // Bearer tokens outside an Authorization header (logs, JSON, command lines).
        Rule("bearer-token", @"(?i)\bbearer[ \t]+[A-Za-z0-9._~+/-]+=*", @"(?i)^bearer[ \t]+", ["bearer"], @"^[A-Za-z0-9._~+/=-]+"),

        // PEM private keys: the body between the BEGIN and END lines, which stay readable. A body cut by the end of
        // the buffer goes on being masked in the next buffers of the stream until the END line.
        Rule(
            "pem-private-key",
            @"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----(?:(?!-----END)[\s\S])+",
            @"^-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----",
            ["private key-----"],
            @"^(?:(?!-----END)[\s\S])+"),

        // Command-line options given as two arguments: --password VALUE (arguments are NUL-separated in execve
        // events; a space also counts, for shell text). Short options such as -p are left alone: they mean a port,
        // "parents" or a profile for most tools.
        Rule(
            "password-option",
            @"(?i)(?<![^\x00 ])--?" + SecretOption + @"[\x00 ]+[^" + Space + @"\x00-][^" + Space + @"\x00]*",
            @"(?i)^--?" + SecretOption + @"[\x00 ]+",
            ["pass", "pwd", "token", "secret", "key"],
            @"^[^" + Space + @"\x00]+"),

        // key=value and key: value pairs whose key names a secret (password=, DB_PASSWORD=, api_key=, "token": ...).
        // The pattern starts at the separator, which a vectorised search finds, and checks the key behind it; PWD and
        // OLDPWD are the shell's working directories, and "passwd:" opens nsswitch.conf's line of sources.
        Rule(
            "secret-pair",
            @"(?i)[=:](?<=(?<![A-Za-z0-9])" + SecretKey + @"[""']?[ \t]*[=:])(?<!(?-i:\b(?:OLD)?PWD)=)(?<!(?-i:\bpasswd)[ \t]*:)[ \t]*[""']?" + PairValue + "+",
            @"^[=:][ \t]*[""']?",
            SecretAnchors,
            "^" + PairValue + "+"),
    ];

    private static RedactionRule Rule(string name, string pattern, string? context, string[] anchors, string continuation) =>
        new(name, new Regex(pattern, Options), anchors, new Regex(continuation, Options), builtIn: true, context is null ? null : new Regex(context, Options));
}
