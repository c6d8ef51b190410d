using System.Globalization;

namespace Inspect.Analysis.Overview;

/// <summary>Numbers as Lua (and so the chisel's JSON encoder) prints them: C's <c>%.14g</c>.</summary>
public static class LuaNumber
{
    public static string Format(double value) =>
        value.ToString("G14", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
