using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Core.Translation;

namespace Inspect.Operator.Core.Tests;

public sealed class SpecValidationTests
{
    private const string Hex64 = "3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708";

    /// <summary>Each row changes the valid spec; a null reason means the result must still be valid.</summary>
    private static readonly Dictionary<string, Action<V1Alpha1CaptureSpec>> Mutations = new()
    {
        ["valid as is"] = _ => { },
        // user redaction rules compile and are unique
        ["redaction rules ok"] = s => s.Redaction = new CaptureRedaction { Rules = [new() { Name = "ticket", Regex = "TICKET-[0-9]+" }, new() { Name = "pw", Literal = "hunter2" }] },
        ["redaction off with a bad rule"] = s => s.Redaction = new CaptureRedaction { Enabled = false, Rules = [new() { Name = "x", Regex = "(" }] },
        ["redaction regex does not compile"] = s => s.Redaction = new CaptureRedaction { Rules = [new() { Name = "x", Regex = "[a-" }] },
        ["redaction regex matches nothing"] = s => s.Redaction = new CaptureRedaction { Rules = [new() { Name = "x", Regex = "a*" }] },
        ["redaction rule both kinds"] = s => s.Redaction = new CaptureRedaction { Rules = [new() { Name = "x", Regex = "a", Literal = "a" }] },
        ["redaction rule shadows a built-in"] = s => s.Redaction = new CaptureRedaction { Rules = [new() { Name = "jwt", Literal = "a" }] },
        ["redaction without any rule"] = s => s.Redaction = new CaptureRedaction { BuiltInRules = false },
        // exactly one target kind
        ["targets missing"] = s => s.Targets = null,
        ["no target kind"] = s => s.Targets = new CaptureTargets(),
        ["empty podNames"] = s => s.Targets = new CaptureTargets { PodNames = [] },
        ["two target kinds"] = s => s.Targets!.PodNames = ["web-0"],
        ["podNames only"] = s => s.Targets = new CaptureTargets { PodNames = ["web-0", "db.primary-1"] },
        ["nodeSelector only"] = s => s.Targets = new CaptureTargets { NodeSelector = Fixtures.Select("pool=gpu") },
        ["containerIds only"] = s => s.Targets = new CaptureTargets { ContainerIds = [Hex64, "containerd://3f2a1b4c5d6e"] },
        ["namespaceSelector without podSelector"] = s => s.Targets = new CaptureTargets
        {
            PodNames = ["web-0"],
            NamespaceSelector = Fixtures.Select("team=a"),
        },
        ["In without values"] = s => s.Targets!.PodSelector!.MatchExpressions =
            [new LabelSelectorRequirement { Key = "tier", Operator = LabelSelectorOperator.In }],
        ["Exists with values"] = s => s.Targets!.PodSelector!.MatchExpressions =
            [new LabelSelectorRequirement { Key = "tier", Operator = LabelSelectorOperator.Exists, Values = ["x"] }],
        ["bad pod name"] = s => s.Targets = new CaptureTargets { PodNames = ["Web_0"] },
        ["bad container id"] = s => s.Targets = new CaptureTargets { ContainerIds = ["abc"] },
        ["non-hex container id"] = s => s.Targets = new CaptureTargets { ContainerIds = ["zzzzzzzzzzzzzzzz"] },
        // filter
        ["good filter"] = s => s.Filter = "proc.name=nginx and fd.type=ipv4",
        ["blank filter"] = s => s.Filter = "  ",
        ["syntax error filter"] = s => s.Filter = "proc.name=nginx and (",
        ["unknown field filter"] = s => s.Filter = "proc.nmae=nginx",
        // snaplen
        ["snaplen 0"] = s => s.Snaplen = 0,
        ["snaplen 65000"] = s => s.Snaplen = 65000,
        ["snaplen 65001"] = s => s.Snaplen = 65001,
        ["snaplen -1"] = s => s.Snaplen = -1,
        // duration
        ["duration 1h30m"] = s => s.Duration = "1h30m",
        ["duration 5m"] = s => s.Duration = "5m",
        ["duration 1.5h"] = s => s.Duration = "1.5h",
        ["duration junk"] = s => s.Duration = "thirty seconds",
        ["duration bare number"] = s => s.Duration = "30",
        ["duration negative"] = s => s.Duration = "-5m",
        ["duration zero"] = s => s.Duration = "0s",
        ["duration over maximum"] = s => s.Duration = "2h1s",
        ["duration huge"] = s => s.Duration = "99999999999999999999h",
        // preTrigger
        ["preTrigger 30s"] = s => s.PreTrigger = "30s",
        ["preTrigger junk"] = s => s.PreTrigger = "soon",
        ["preTrigger over maximum"] = s => s.PreTrigger = "10m",
        // sizes and limits
        ["maxBytes only"] = s => (s.Duration, s.MaxBytes) = (null, 1 << 20),
        ["maxEvents only"] = s => (s.Duration, s.MaxEvents) = (null, 1000),
        ["maxBytes 0"] = s => s.MaxBytes = 0,
        ["maxEvents -5"] = s => s.MaxEvents = -5,
        ["no limit"] = s => s.Duration = null,
        ["ttl negative"] = s => s.TtlSecondsAfterFinished = -1,
        // output
        ["no output, no default"] = s => s.Output = null,
        ["both outputs"] = s => s.Output!.NodeDirectory = new NodeDirectoryOutput { Path = "x" },
        ["neither output"] = s => s.Output = new CaptureOutput(),
        ["node directory"] = s => s.Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "team-a/forensics" } },
        ["node directory absolute"] = s => s.Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "/etc" } },
        ["node directory traversal"] = s => s.Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "a/../b" } },
        ["node directory escaping the base"] = s => s.Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "a/../../b" } },
        ["node directory space"] = s => s.Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "my dir" } },
        ["bucket ok with dots"] = s => s.Output!.S3!.Bucket = "inspect.captures-1",
        ["bucket too short"] = s => s.Output!.S3!.Bucket = "ab",
        ["bucket too long"] = s => s.Output!.S3!.Bucket = new string('a', 64),
        ["bucket uppercase"] = s => s.Output!.S3!.Bucket = "Captures",
        ["bucket underscore"] = s => s.Output!.S3!.Bucket = "my_bucket",
        ["bucket ip"] = s => s.Output!.S3!.Bucket = "192.168.1.1",
        ["bucket double dot"] = s => s.Output!.S3!.Bucket = "a..b",
        ["bucket trailing hyphen"] = s => s.Output!.S3!.Bucket = "captures-",
        ["prefix traversal"] = s => s.Output!.S3!.Prefix = "a/../../b/",
        ["prefix absolute"] = s => s.Output!.S3!.Prefix = "/root/",
        ["endpoint ok"] = s => s.Output!.S3!.Endpoint = "https://minio.storage:9000",
        ["endpoint ftp"] = s => s.Output!.S3!.Endpoint = "ftp://minio",
        ["both credentials"] = s => (s.Output!.S3!.CredentialsSecret, s.Output.S3.WebIdentity) =
            (new S3CredentialsSecret { Name = "s3" }, new S3WebIdentity()),
    };

    public static TheoryData<string, string?> Rows => new()
    {
        { "valid as is", null },
        { "targets missing", "InvalidTargetKind" },
        { "no target kind", "InvalidTargetKind" },
        { "empty podNames", "InvalidTargetKind" },
        { "two target kinds", "InvalidTargetKind" },
        { "podNames only", null },
        { "nodeSelector only", null },
        { "containerIds only", null },
        { "namespaceSelector without podSelector", "NamespaceSelectorWithoutPodSelector" },
        { "In without values", "InvalidLabelSelector" },
        { "Exists with values", "InvalidLabelSelector" },
        { "bad pod name", "InvalidPodName" },
        { "bad container id", "InvalidContainerId" },
        { "non-hex container id", "InvalidContainerId" },
        { "redaction rules ok", null },
        { "redaction off with a bad rule", "RedactionOptOutNotAllowed" },
        { "redaction regex does not compile", "InvalidRedactionRule" },
        { "redaction regex matches nothing", "InvalidRedactionRule" },
        { "redaction rule both kinds", "InvalidRedactionRule" },
        { "redaction rule shadows a built-in", "InvalidRedactionRule" },
        { "redaction without any rule", "InvalidRedactionRule" },
        { "good filter", null },
        { "blank filter", null },
        { "syntax error filter", "InvalidFilter" },
        { "unknown field filter", "InvalidFilter" },
        { "snaplen 0", null },
        { "snaplen 65000", null },
        { "snaplen 65001", "SnaplenOutOfRange" },
        { "snaplen -1", "SnaplenOutOfRange" },
        { "duration 1h30m", null },
        { "duration 5m", null },
        { "duration 1.5h", null },
        { "duration junk", "InvalidDuration" },
        { "duration bare number", "InvalidDuration" },
        { "duration negative", "InvalidDuration" },
        { "duration zero", "DurationNotPositive" },
        { "duration over maximum", "DurationTooLong" },
        { "duration huge", "DurationTooLong" },
        { "preTrigger 30s", null },
        { "preTrigger junk", "InvalidPreTrigger" },
        { "preTrigger over maximum", "InvalidPreTrigger" },
        { "maxBytes only", null },
        { "maxEvents only", null },
        { "maxBytes 0", "MaxBytesNotPositive" },
        { "maxEvents -5", "MaxEventsNotPositive" },
        { "no limit", "NoLimit" },
        { "ttl negative", "InvalidTtl" },
        { "no output, no default", "InvalidOutput" },
        { "both outputs", "InvalidOutput" },
        { "neither output", "InvalidOutput" },
        { "node directory", null },
        { "node directory absolute", "NodeDirectoryAbsolute" },
        { "node directory traversal", "NodeDirectoryTraversal" },
        { "node directory escaping the base", "NodeDirectoryOutsideBase" },
        { "node directory space", "NodeDirectoryInvalidCharacter" },
        { "bucket ok with dots", null },
        { "bucket too short", "InvalidBucketName" },
        { "bucket too long", "InvalidBucketName" },
        { "bucket uppercase", "InvalidBucketName" },
        { "bucket underscore", "InvalidBucketName" },
        { "bucket ip", "InvalidBucketName" },
        { "bucket double dot", "InvalidBucketName" },
        { "bucket trailing hyphen", "InvalidBucketName" },
        { "prefix traversal", "InvalidS3Prefix" },
        { "prefix absolute", "InvalidS3Prefix" },
        { "endpoint ok", null },
        { "endpoint ftp", "InvalidS3Endpoint" },
        { "both credentials", "ConflictingS3Credentials" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_rule_accepts_valid_and_names_invalid_specs(string row, string? expectedReason)
    {
        var spec = Fixtures.ValidSpec();
        Mutations[row](spec);

        var violations = SpecValidation.Validate(spec, Fixtures.Settings);

        if (expectedReason is null)
        {
            Assert.Empty(violations);
        }
        else
        {
            // The rule fires; anything else that fires looks at the same field or one within it (an escaping path is also
            // a traversal; redaction without rules also drops the built-in rules).
            var rule = SpecRules.All.Single(r => r.Reason == expectedReason);
            Assert.Contains(violations, v => v.Rule == rule);
            Assert.All(violations, v => Assert.True(
                v.Rule.Field.StartsWith(rule.Field, StringComparison.Ordinal) || rule.Field.StartsWith(v.Rule.Field, StringComparison.Ordinal),
                $"{v.Rule.Reason} looks at {v.Rule.Field}, not at {rule.Field}"));
            Assert.All(violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Message)));
        }
    }

    [Fact]
    public void Every_row_has_a_mutation_and_every_rule_is_exercised()
    {
        var rows = Rows.Select(r => (string)((ITheoryDataRow)r).GetData()[0]!).ToHashSet();
        Assert.Equal(Mutations.Keys.Order(), rows.Order());
        var reasons = Rows.Select(r => (string?)((ITheoryDataRow)r).GetData()[1]).OfType<string>().ToHashSet();
        Assert.All(SpecRules.All, rule => Assert.Contains(rule.Reason, reasons));
    }

    [Fact]
    public void Rule_reasons_are_unique_CamelCase()
    {
        Assert.Equal(SpecRules.All.Count, SpecRules.All.Select(r => r.Reason).Distinct().Count());
        Assert.All(SpecRules.All, rule => Assert.Matches("^[A-Z][A-Za-z0-9]+$", rule.Reason));
    }

    [Fact]
    public void Filter_message_names_the_column()
    {
        var spec = Fixtures.ValidSpec();
        spec.Filter = "proc.name=nginx and proc.nmae=x";

        var violation = Assert.Single(SpecValidation.Validate(spec, Fixtures.Settings));

        Assert.Equal("InvalidFilter", violation.Reason);
        Assert.Contains("column 21", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_violation_is_reported_not_just_the_first()
    {
        var spec = Fixtures.ValidSpec();
        spec.Snaplen = 70000;
        spec.MaxBytes = 0;
        spec.Filter = "(";

        var reasons = SpecValidation.Validate(spec, Fixtures.Settings).Select(v => v.Reason).ToList();

        Assert.Equal(["InvalidFilter", "SnaplenOutOfRange", "MaxBytesNotPositive"], reasons);
    }

    [Fact]
    public void Default_output_makes_output_optional()
    {
        var spec = Fixtures.ValidSpec();
        spec.Output = null;

        Assert.Empty(SpecValidation.Validate(spec, Fixtures.Settings with { DefaultOutput = new S3Output { Bucket = "default" } }));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData("/etc")]
    [InlineData("/")]
    [InlineData("a/../../b")]
    [InlineData("a/..")]
    [InlineData("%2e%2e/x")]
    [InlineData("%2E%2E%2Fetc")]
    [InlineData("..%2fx")]
    [InlineData("%252e%252e/x")]
    [InlineData("%2fetc")]
    [InlineData("..\\x")]
    [InlineData("a\\..\\..\\b")]
    [InlineData("\\etc")]
    [InlineData("C:/Windows")]
    [InlineData("~/x")]
    [InlineData("\uff0e\uff0e/x")]
    [InlineData("a/\0/b")]
    [InlineData("")]
    [InlineData(" ")]
    public void Path_traversal_attempts_are_refused(string path)
    {
        var violations = SpecValidation.CheckNodeDirectory(path, "/var/lib/inspect", out var resolved);

        Assert.NotEmpty(violations);
        Assert.Null(resolved);
        Assert.All(violations, v => Assert.StartsWith("spec.output.nodeDirectory", v.Rule.Field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../x", "NodeDirectoryTraversal")]
    [InlineData("/etc", "NodeDirectoryAbsolute")]
    [InlineData("a/../../b", "NodeDirectoryTraversal")]
    [InlineData("%2e%2e/x", "NodeDirectoryTraversal")]
    [InlineData("%2fetc", "NodeDirectoryAbsolute")]
    [InlineData("..\\x", "NodeDirectoryTraversal")]
    public void Traversal_reasons_are_specific(string path, string reason)
    {
        var violations = SpecValidation.CheckNodeDirectory(path, "/var/lib/inspect", out _);

        Assert.Contains(violations, v => v.Reason == reason);
    }

    [Theory]
    [InlineData("x", "/var/lib/inspect/x")]
    [InlineData("team-a/forensics/", "/var/lib/inspect/team-a/forensics")]
    [InlineData("./a//b/.", "/var/lib/inspect/a/b")]
    [InlineData(".hidden/...", "/var/lib/inspect/.hidden/...")]
    [InlineData("..a/b..", "/var/lib/inspect/..a/b..")]
    public void Safe_paths_resolve_under_the_base(string path, string expected)
    {
        var violations = SpecValidation.CheckNodeDirectory(path, "/var/lib/inspect/", out var resolved);

        Assert.Empty(violations);
        Assert.Equal(expected, resolved);
    }

    [Theory]
    [InlineData("/var/lib/inspect", "/var/lib/inspect", true)]
    [InlineData("/var/lib/inspect/a", "/var/lib/inspect", true)]
    [InlineData("/var/lib/inspector", "/var/lib/inspect", false)]
    [InlineData("/var/lib", "/var/lib/inspect", false)]
    [InlineData("/etc", "/", true)]
    public void IsUnder_compares_whole_segments(string path, string basePath, bool expected) =>
        Assert.Equal(expected, SpecValidation.IsUnder(path, basePath));

    [Theory]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("/a/../../..", "/")]
    [InlineData("a/../../b", "../b")]
    [InlineData("//a//./b/", "/a/b")]
    [InlineData("", ".")]
    public void NormalisePosix_is_lexical(string path, string expected) =>
        Assert.Equal(expected, SpecValidation.NormalisePosix(path));
}
