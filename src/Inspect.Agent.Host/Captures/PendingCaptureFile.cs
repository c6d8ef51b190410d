using Google.Protobuf;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// The start request of a capture whose file is in the spool and not stored yet, kept beside the spool file
/// (<c>&lt;file&gt;.scap.pending.json</c>) so that an agent started after a crash or a restart knows where the file
/// was to go and stores it (<see cref="SpoolRecovery"/>). It holds what the request holds, storage credentials from
/// the Capture's Secret included, so it is readable by its owner only, like the recording beside it; it is deleted
/// once the file is stored.
/// </summary>
public static class PendingCaptureFile
{
    public const string Suffix = ".pending.json";

    public static string PathFor(string spoolPath) => spoolPath + Suffix;

    public static void Write(string spoolPath, StartCaptureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = PathFor(spoolPath);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(temporary, System.Text.Encoding.UTF8, options))
        {
            file.Write(JsonFormatter.Default.Format(request));
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The request, or null when the file is not one (a message saying why goes to <paramref name="problem"/>).</summary>
    public static StartCaptureRequest? Read(string path, out string? problem)
    {
        try
        {
            problem = null;
            return JsonParser.Default.Parse<StartCaptureRequest>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or IOException)
        {
            problem = $"{path}: {e.Message}";
            return null;
        }
    }

    public static void Delete(string spoolPath) => File.Delete(PathFor(spoolPath));
}
