using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Inspect.Storage.S3;

/// <summary>
/// The S3 multipart calls (create, upload part, complete, abort) and an in-place metadata copy, signed with SigV4 over the same HttpClient
/// the MinIO SDK client uses.
/// </summary>
/// <remarks>
/// Why not the SDK for these: MinIO .NET 7.0.0 keeps NewMultipartUploadAsync, PutObjectPartAsync and
/// CompleteMultipartUploadAsync private. Its public PutObjectAsync reads a stream of unknown length in fixed 16 MiB
/// parts inside one call, so the part size cannot be chosen and a storage outage fails the whole upload with the
/// stream already consumed. A capture that must survive an outage needs the parts, and their ETags, in its own hands.
/// Server-side encryption headers still come from the SDK's IServerSideEncryption types.
/// </remarks>
internal sealed class S3MultipartClient(HttpClient http, StorageEndpoint endpoint, TimeProvider clock)
{
    private static readonly XNamespace S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly S3RequestSigner _signer = new(endpoint.Credentials, endpoint.Region, clock);

    public async Task<string> CreateAsync(string bucket, string key, IReadOnlyDictionary<string, string> headers, CancellationToken cancel)
    {
        using var request = Request(HttpMethod.Post, bucket, key, "uploads=", headers);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var body = await SendAsync(request, [], "create multipart upload", cancel).ConfigureAwait(false);
        return Element(body, "UploadId") ?? throw new S3RequestException($"create multipart upload of {key}: the answer has no UploadId");
    }

    public async Task<string> UploadPartAsync(string bucket, string key, string uploadId, int partNumber, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> headers, CancellationToken cancel)
    {
        using var request = Request(HttpMethod.Put, bucket, key, $"partNumber={partNumber}&uploadId={Uri.EscapeDataString(uploadId)}", headers);
        request.Content = new ReadOnlyMemoryContent(data);
        _signer.Sign(request, data.Span);
        using var response = await SendRawAsync(request, $"upload part {partNumber}", cancel).ConfigureAwait(false);
        return response.Headers.ETag?.Tag ?? (response.Headers.TryGetValues("ETag", out var tags) ? tags.First() : null)
            ?? throw new S3RequestException($"upload part {partNumber} of {key}: the answer has no ETag");
    }

    public async Task CompleteAsync(string bucket, string key, string uploadId, IReadOnlyList<string> etags, CancellationToken cancel)
    {
        var xml = new XElement(
            "CompleteMultipartUpload",
            etags.Select((etag, i) => new XElement("Part", new XElement("PartNumber", (i + 1).ToString(CultureInfo.InvariantCulture)), new XElement("ETag", etag))));
        var payload = Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting));
        using var request = Request(HttpMethod.Post, bucket, key, $"uploadId={Uri.EscapeDataString(uploadId)}", new Dictionary<string, string>());
        request.Content = new ByteArrayContent(payload);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var body = await SendAsync(request, payload, "complete multipart upload", cancel).ConfigureAwait(false);

        // S3 may answer 200 and still report an error in the body of a completion.
        if (body.Root?.Name.LocalName == "Error")
        {
            throw new S3RequestException("complete multipart upload", System.Net.HttpStatusCode.InternalServerError, Element(body, "Code"), Element(body, "Message"));
        }
    }

    public async Task AbortAsync(string bucket, string key, string uploadId, CancellationToken cancel)
    {
        using var request = Request(HttpMethod.Delete, bucket, key, $"uploadId={Uri.EscapeDataString(uploadId)}", new Dictionary<string, string>());
        _signer.Sign(request, []);
        using var response = await SendRawAsync(request, "abort multipart upload", cancel).ConfigureAwait(false);
    }

    /// <summary>Copies an object onto itself with new user metadata (and the same server-side encryption).</summary>
    /// <remarks>
    /// Sent here rather than through the SDK's CopyObjectAsync: the SDK percent-encodes the '/' of nested keys in
    /// x-amz-copy-source, which S3 accepts but s3rver (the test store) does not decode. AWS's own SDKs keep '/' as is,
    /// which every store accepts.
    /// </remarks>
    public async Task ReplaceMetadataAsync(string bucket, string key, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, string> encryptionHeaders, IReadOnlyDictionary<string, string> copySourceEncryptionHeaders, CancellationToken cancel)
    {
        var headers = new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase)
        {
            ["x-amz-copy-source"] = "/" + S3RequestSigner.Encode(bucket, keepSlash: false) + "/" + S3RequestSigner.Encode(key, keepSlash: true),
            ["x-amz-metadata-directive"] = "REPLACE",
        };
        foreach (var (name, value) in encryptionHeaders.Concat(copySourceEncryptionHeaders))
        {
            headers[name] = value;
        }

        using var request = Request(HttpMethod.Put, bucket, key, "", headers);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var body = await SendAsync(request, [], "copy with new metadata", cancel).ConfigureAwait(false);
        if (body.Root?.Name.LocalName == "Error")
        {
            throw new S3RequestException("copy with new metadata", System.Net.HttpStatusCode.InternalServerError, Element(body, "Code"), Element(body, "Message"));
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string bucket, string key, string query, IReadOnlyDictionary<string, string> headers)
    {
        var path = "/" + S3RequestSigner.Encode(bucket, keepSlash: false) + "/" + S3RequestSigner.Encode(key, keepSlash: true);
        var request = new HttpRequestMessage(method, new Uri(endpoint.Url, query.Length > 0 ? path + "?" + query : path));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private async Task<XDocument> SendAsync(HttpRequestMessage request, byte[] payload, string operation, CancellationToken cancel)
    {
        _signer.Sign(request, payload);
        using var response = await SendRawAsync(request, operation, cancel).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        try
        {
            return XDocument.Parse(text);
        }
        catch (System.Xml.XmlException e)
        {
            throw new S3RequestException($"{operation}: the answer is not XML: {e.Message}", e);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string operation, CancellationToken cancel)
    {
        var response = await http.SendAsync(request, cancel).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            string? code = null, message = null;
            try
            {
                var error = XDocument.Parse(text);
                code = Element(error, "Code");
                message = Element(error, "Message");
            }
            catch (System.Xml.XmlException)
            {
                message = text.Length > 200 ? text[..200] : text;
            }

            throw new S3RequestException(operation, response.StatusCode, code, message);
        }
    }

    private static string? Element(XDocument document, string name) =>
        document.Descendants().FirstOrDefault(e => e.Name == S3Namespace + name || e.Name.LocalName == name)?.Value;
}
