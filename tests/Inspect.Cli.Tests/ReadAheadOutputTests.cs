using Inspect.Cli.Commands;
using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>With <c>INSPECT_READ_AHEAD=1</c> the reading verbs print exactly what they print without it.</summary>
public sealed class ReadAheadOutputTests
{
    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Reading_ahead_changes_no_output(string sample)
    {
        var path = RepoPaths.Sample(sample);
        string[][] commands =
        [
            ["read", path],
            ["read", path, "--count", "fd.type=file or fd.type=directory"],
            ["summary", path, "--format", "wsysdig"],
            ["view", "files", path, "--format", "csysdig"],
        ];
        foreach (var command in commands)
        {
            var expected = InspectCli.Run(command);
            var ahead = ExternalProcess.Run(
                "/usr/bin/env",
                [$"{CaptureInput.ReadAheadVariable}=1", Path.Combine(RepoPaths.RepoRoot, "inspect"), .. command],
                TimeSpan.FromMinutes(5),
                RepoPaths.RepoRoot);
            Assert.True(expected.ExitCode == 0, $"{string.Join(' ', command)}: {expected.Stderr}");
            Assert.Equal(expected.ExitCode, ahead.ExitCode);
            Assert.Equal(expected.Stdout, ahead.Stdout);
        }
    }
}
