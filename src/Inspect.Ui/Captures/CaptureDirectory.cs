using Inspect.Ui.Streaming;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui.Captures;

/// <summary>
/// The captures the server may open: every file under the served directory whose name contains <c>.scap</c>, or the
/// one file it was started on. Names from requests are resolved here only, and anything that would leave the
/// directory (<c>..</c>, absolute paths, symbolic links pointing out) is refused.
/// </summary>
public sealed class CaptureDirectory : ICaptureCatalog
{
    private const int MaxListed = 10_000;
    private readonly string _root;
    private readonly string? _onlyFile;

    public CaptureDirectory(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            _root = System.IO.Path.GetDirectoryName(full)!;
            _onlyFile = System.IO.Path.GetFileName(full);
        }
        else if (Directory.Exists(full))
        {
            _root = full;
        }
        else
        {
            throw new FileNotFoundException($"cannot serve {path}: no such file or directory");
        }
    }

    /// <summary>The served directory (or the directory of the served file).</summary>
    public string Root => _root;

    public string Title => System.IO.Path.GetFileName(_root);

    public Task<IReadOnlyList<CaptureEntry>> ListAsync(HttpContext http, CancellationToken cancellationToken) => Task.FromResult(List());

    public Task<FileInfo> ResolveAsync(HttpContext http, string? name, QueryProgress? progress, CancellationToken cancellationToken) => Task.FromResult(Resolve(name));

    public IReadOnlyList<CaptureEntry> List()
    {
        IEnumerable<string> files = _onlyFile is null
            ? Directory.EnumerateFiles(_root, "*.scap*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            : [System.IO.Path.Combine(_root, _onlyFile)];
        return [.. files.Take(MaxListed)
            .Select(f => new FileInfo(f))
            .Where(f => f.Exists && (_onlyFile is not null || IsInside(f.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? f.FullName)))
            .Select(f => new CaptureEntry(System.IO.Path.GetRelativePath(_root, f.FullName).Replace('\\', '/'), f.Length, f.LastWriteTimeUtc))
            .OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>The full path of capture <paramref name="name"/>; fails with a message naming it when it is not served.</summary>
    public FileInfo Resolve(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ApiException(400, "which capture? pass capture=NAME (see /api/captures)");
        }

        if (name.Contains('\0', StringComparison.Ordinal) || System.IO.Path.IsPathRooted(name) || (_onlyFile is not null && name != _onlyFile))
        {
            throw new ApiException(404, $"capture '{name}' is not served here");
        }

        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(_root, name));
        var file = new FileInfo(full);
        if (_onlyFile is not null)
        {
            // The one file named on the command line is served wherever a link of that name points.
            return file.Exists ? file : throw new ApiException(404, $"capture '{name}' is no longer there");
        }

        if (!IsInside(full) || !file.Exists || !IsInside(file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full))
        {
            throw new ApiException(404, $"capture '{name}' is not served here");
        }

        return file;
    }

    private bool IsInside(string fullPath) =>
        fullPath.StartsWith(_root.EndsWith('/') ? _root : _root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
