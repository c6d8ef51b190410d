using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary><c>inspect payload</c>: the I/O stream with direction, endpoint and hex/ASCII data.</summary>
public sealed class AnalysisPayloadTests
{
    [Fact]
    public void Shows_the_sql_query_and_its_answer_in_order()
    {
        var result = InspectCli.Run("payload", AnalysisSyntheticCapture.File, "fd.sport=5432");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(4, headers.Count);
        Assert.Contains("python3 (300) write -> fd=6(<4t>10.0.0.5:40000->10.0.0.20:5432) to 10.0.0.20:5432 34 bytes", headers[0], StringComparison.Ordinal);
        Assert.Contains("read <- fd=6(<4t>10.0.0.5:40000->10.0.0.20:5432) from 10.0.0.20:5432 17 bytes", headers[1], StringComparison.Ordinal);
        Assert.Equal("  0000  53 45 4c 45 43 54 20 2a  20 46 52 4f 4d 20 75 73  SELECT * FROM us", lines[1]);
        Assert.EndsWith("  2;", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AnalysisReadParityTests.Captures), MemberType = typeof(AnalysisReadParityTests))]
    public void Covers_the_same_io_events_as_sysdig_with_the_same_bytes(string name)
    {
        var path = name == "synthetic" ? AnalysisSyntheticCapture.File : RepoPaths.Sample(name);

        // sysdig's buffer text (unprintable bytes as '.') of every I/O exit with data, by event number.
        var expected = Sysdig.Read(path, "-v", "-p", "%evt.num %evt.buffer", "evt.is_io=true and evt.dir=< and evt.buflen>0")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.IndexOf(' ', StringComparison.Ordinal) < l.Length - 1)
            .ToList();
        var output = InspectCli.Run("payload", path).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actual = new List<string>();
        foreach (var line in output)
        {
            if (line.StartsWith('#'))
            {
                actual.Add(line[1..line.IndexOf(' ', StringComparison.Ordinal)] + " ");
            }
            else
            {
                actual[^1] += line[58..];
            }
        }

        var numbers = expected.Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]).ToHashSet();
        Assert.Equal(expected, actual.Where(a => numbers.Contains(a.TrimEnd().Split(' ')[0])));
    }
}
