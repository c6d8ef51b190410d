using Inspect.TestSupport;

namespace Inspect.Ui.Tests;

/// <summary>
/// Runs a browser script (browser/*.mjs) in node with playwright-core driving Debian's headless Chromium; skips the
/// test, with the reason, where either is missing.
/// </summary>
internal static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static ProcessResult RunScript(string script, params string[] args)
    {
        var playwright = Path.Combine(RepoPaths.RepoRoot, ".tools", "node_modules", "playwright-core");
        if (!File.Exists(Chromium))
        {
            Assert.Skip($"{Chromium} is missing (scripts/install-deps installs Debian's chromium)");
        }

        if (!Directory.Exists(playwright))
        {
            Assert.Skip($"{playwright} is missing (scripts/install-deps installs playwright-core from npm)");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_CORE", playwright);
        Environment.SetEnvironmentVariable("CHROMIUM", Chromium);
        var path = Path.Combine(RepoPaths.RepoRoot, "tests", "Inspect.Ui.Tests", "browser", script);
        return ExternalProcess.Run("node", [path, .. args], TimeSpan.FromMinutes(4));
    }
}
