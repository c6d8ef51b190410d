using System.Text;
using Inspect.Scap.Model;
using Inspect.Scap.Writing;

namespace Inspect.Cli.Tests;

/// <summary>
/// A capture full of secrets, built event by event: an HTTP request with an Authorization header written to a
/// socket, a JWT and an AWS key pair in one write, a private key split over two writes, mysql run with
/// <c>--password</c> and a password in its environment, and a process-table entry whose environment holds an AWS
/// secret key. <see cref="Secrets"/> lists every secret with the rule that must mask it.
/// </summary>
internal static class SecretCapture
{
    public const string Bearer = "c2VjcmV0LWJlYXJlci10b2tlbg";
    public const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.Zm9vYmFyYmF6cXV4";
    public const string AccessKeyId = "AKIAZ7XQ3EXAMPLE1234";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY1";
    public const string ArgPassword = "Tr0ub4dor3";
    public const string EnvPassword = "correcthorse";
    public const string TableSecret = "pLmOkNiJbUhYgVtFcRdXeSzAwQ1234567890abcd";
    public const string KeyBody1 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    public const string KeyBody2 = "BKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";

    private const long Pid = 4242;

    /// <summary>Each secret and the rule that masks it.</summary>
    public static IReadOnlyList<(string Secret, string Rule)> Secrets { get; } =
    [
        (Bearer, "http-authorization"),
        (Jwt, "jwt"),
        (AccessKeyId, "aws-access-key-id"),
        (SecretKey, "aws-secret-access-key"),
        (ArgPassword, "password-option"),
        (EnvPassword, "secret-pair"),
        (TableSecret, "aws-secret-access-key"),
        (KeyBody1, "pem-private-key"),
    ];

    /// <summary>Text around the secrets that must survive redaction.</summary>
    public static IReadOnlyList<string> Surroundings { get; } =
        ["Authorization: Bearer ", "Host: api.internal", "token ", "id=", "AWS_SECRET_ACCESS_KEY=", "--password", "DB_PASSWORD=", "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----"];

    public static void Write(string path)
    {
        using var w = ScapWriter.Create(path);
        using var b = new ScapEventBuilder();
        w.WriteSectionHeader();
        w.WriteMachineInfo(new MachineInfo { NumCpus = 2, MemorySizeBytes = 1UL << 30, MaxPid = 32768, Hostname = "node-1" });
        w.WriteProcessList([Thread(Pid, "client", "HOME=/root\0AWS_SECRET_ACCESS_KEY=" + TableSecret + "\0")]);
        w.WriteFdList(new FdTable(Pid, [new FdEntry { Fd = 3, Type = FdType.FileV2, Name = "/tmp/upload.txt", OpenFlags = 2 }]));

        var ts = 1_700_000_000_000_000_000UL;
        Write(w, b, ref ts, "GET /v1/items HTTP/1.1\r\nHost: api.internal\r\nAuthorization: Bearer " + Bearer + "\r\n\r\n");
        Write(w, b, ref ts, "token " + Jwt + " id=" + AccessKeyId + " AWS_SECRET_ACCESS_KEY=" + SecretKey + "\n");
        Write(w, b, ref ts, "-----BEGIN PRIVATE KEY-----\n" + KeyBody1);
        Write(w, b, ref ts, KeyBody2 + "\n-----END PRIVATE KEY-----\n");

        w.WriteEvent(b.Begin(292, ts++, Pid).Path("/usr/bin/mysql").Build(), 0);
        b.Begin(293, ts++, Pid).Int64(0).Path("/usr/bin/mysql").Bytes(Encoding.UTF8.GetBytes($"--user\0root\0--password\0{ArgPassword}\0"))
            .Int64(Pid).Int64(Pid).Int64(1).Path("/root").UInt64(1024).UInt64(0).UInt64(0).UInt32(0).UInt32(0).UInt32(0).Path("mysql")
            .Bytes("cpu=/\0"u8).Bytes(Encoding.UTF8.GetBytes($"HOME=/root\0DB_PASSWORD={EnvPassword}\0")).Int32(0).Int64(Pid).Int32(-1).UInt32(0);
        w.WriteEvent(b.Build(), 0);
    }

    // A complete write of data on fd 3: enter (fd, size), exit (res = every byte, data).
    private static void Write(ScapWriter w, ScapEventBuilder b, ref ulong ts, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        w.WriteEvent(b.Begin(8, ts++, Pid).Fd(3).UInt32((uint)bytes.Length).Build(), 0);
        w.WriteEvent(b.Begin(9, ts++, Pid).Int64(bytes.Length).Bytes(bytes).Build(), 0);
    }

    private static ThreadEntry Thread(long tid, string comm, string env) => new()
    {
        Tid = tid,
        Pid = tid,
        Ptid = 1,
        Comm = comm,
        Exe = comm,
        ExePath = "/usr/bin/" + comm,
        Cwd = "/root",
        FdLimit = 1024,
        Env = Encoding.UTF8.GetBytes(env),
        Vtid = tid,
        Vpid = tid,
        Cgroups = "cpu=/\0"u8.ToArray(),
        Root = "/",
    };
}
