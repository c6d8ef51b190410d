using System.Globalization;
using Inspect.Analysis.Text;

namespace Inspect.Analysis.Tests;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-23T10:15:30Z")]
    [InlineData("2026-11-23T10:15:30.5Z")]
    [InlineData("2026-11-23T10:15:30.1234567Z")]
    [InlineData("2026-11-23T12:15:30.25+02:00")]
    [InlineData("2026-11-23T05:15:30.000001-05:00")]
    [InlineData("2026-11-23 10:15:30.5Z")]
    public void Agrees_with_DateTimeOffset_to_seven_digits(string text)
    {
        Assert.True(Rfc3339.TryParseNanoseconds(text, out var ns));
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal((expected.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, ns);
    }

    [Fact]
    public void Keeps_all_nine_digits()
    {
        Assert.True(Rfc3339.TryParseNanoseconds("1970-01-01T00:00:01.000000007Z", out var ns));
        Assert.Equal(1_000_000_007, ns);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-23")]
    [InlineData("2026-11-23T10:15:30")]
    [InlineData("2026-11-23T10:15:30.Z")]
    [InlineData("2026-11-23T10:15:30.12a4Z")]
    [InlineData("2026-13-23T10:15:30Z")]
    public void Refuses_what_is_not_rfc3339(string text) => Assert.False(Rfc3339.TryParseNanoseconds(text, out _));
}
