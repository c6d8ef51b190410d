using System.Text.Json.Nodes;
using Google.Protobuf;
using Inspect.Agent.Protocol.V1;

namespace Inspect.Agent.Host.Captures;

/// <summary>
/// A record, kept in the spool beside where the recording was (<c>&lt;file&gt;.scap.stored.json</c>), of a capture
/// this agent stored in a node directory: its request and its final status. An agent that restarts before the operator
/// saw the capture finish no longer knows it; with this record it finds the file again, reads it back, and reports it
/// (<see cref="StoredFileRecheck"/>). Node-directory requests carry no credentials. Records older than the recheck's
/// retention are removed.
/// </summary>
public static class StoredCaptureFile
{
    public const string Suffix = ".stored.json";

    public static string PathFor(string spoolPath) => spoolPath + Suffix;

    /// <summary>Writes the record of <paramref name="request"/>, finished with <paramref name="status"/>.</summary>
    public static void Write(string spoolPath, StartCaptureRequest request, CaptureStatus status)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(status);
        var record = new JsonObject
        {
            ["request"] = JsonNode.Parse(JsonFormatter.Default.Format(request)),
            ["status"] = JsonNode.Parse(JsonFormatter.Default.Format(status)),
        };
        var path = PathFor(spoolPath);
        File.WriteAllText(path + ".tmp", record.ToJsonString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The request and status, or null when the file is not such a record (<paramref name="problem"/> says why).</summary>
    public static (StartCaptureRequest Request, CaptureStatus Status)? Read(string path, out string? problem)
    {
        try
        {
            var record = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            if (record?["request"] is not JsonObject request || record["status"] is not JsonObject status)
            {
                problem = $"{path}: not a stored-capture record (request and status expected)";
                return null;
            }

            problem = null;
            return (JsonParser.Default.Parse<StartCaptureRequest>(request.ToJsonString()), JsonParser.Default.Parse<CaptureStatus>(status.ToJsonString()));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or IOException or System.Text.Json.JsonException)
        {
            problem = $"{path}: {e.Message}";
            return null;
        }
    }
}
