using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Esp32At.Demos.Common;

/// <summary>
/// The HTTP (or, with a certificate, HTTPS) server the client demo talks to when no internet is assumed: a real
/// socket server on this machine. One request per connection (<c>Connection: close</c>).
/// Routes: <c>GET /hello</c>, <c>POST /echo</c> (the body back, as JSON), <c>GET /chunked</c> (a chunked response),
/// <c>GET /bytes/N</c> (N bytes of a known pattern, see <see cref="PatternByte"/>).
/// </summary>
public sealed class DemoWebServer : IDisposable
{
    public const string HelloText = "Hello from the Esp32At demo server!\n";
    public static readonly string[] ChunkedLines = ["chunk one\n", "chunk two, a little longer\n", "chunk three\n", "the last chunk\n"];
    private const int MaxHeaderBytes = 16 * 1024;
    private const int MaxDownload = 16 * 1024 * 1024;

    private readonly TcpListener listener;
    private readonly X509Certificate2? certificate;
    private readonly CancellationTokenSource stop = new();
    private int requests;

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> (0: chosen by the OS); TLS when <paramref name="certificate"/> is given.</summary>
    public DemoWebServer(IPAddress address, X509Certificate2? certificate = null, int port = 0)
    {
        this.certificate = certificate;
        listener = new TcpListener(address, port);
        listener.Start(16);
        _ = AcceptLoop();
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    public int Port => EndPoint.Port;

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Byte <paramref name="index"/> of every <c>/bytes/N</c> body.</summary>
    public static byte PatternByte(long index) => (byte)(index % 251);

    private async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            _ = Serve(client);
        }
    }

    private async Task Serve(Socket client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            client.NoDelay = true;
            Stream stream = new NetworkStream(client, ownsSocket: true);
            if (certificate is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, timeout.Token);
                stream = ssl;
            }
            await using (stream)
            {
                var (method, path, body) = await ReadRequest(stream, timeout.Token);
                await Respond(stream, method, path, body, timeout.Token);
                await stream.FlushAsync(timeout.Token);
                Interlocked.Increment(ref requests);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or AuthenticationException or OperationCanceledException or InvalidDataException)
        {
            // A client that went away or spoke nonsense: nothing to answer.
            client.Dispose();
        }
    }

    private static async Task<(string Method, string Path, byte[] Body)> ReadRequest(Stream stream, CancellationToken token)
    {
        var head = new MemoryStream();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Length > MaxHeaderBytes || await stream.ReadAsync(one, token) == 0) throw new InvalidDataException("request head");
            head.WriteByte(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var start = lines[0].Split(' ');
        if (start.Length != 3) throw new InvalidDataException("request line");
        int length = 0;
        foreach (var line in lines.Skip(1))
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim());
        if (length < 0 || length > 1024 * 1024) throw new InvalidDataException("body length");
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, token);
        return (start[0], start[1], body);
    }

    private static bool EndsWithBlankLine(MemoryStream s)
    {
        if (s.Length < 4) return false;
        var b = s.GetBuffer();
        long n = s.Length;
        return b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    private static async Task Respond(Stream stream, string method, string path, byte[] body, CancellationToken token)
    {
        if (method == "GET" && path == "/hello")
        {
            await Write(stream, Head(200, "OK", "text/plain; charset=utf-8", HelloText.Length), token);
            await Write(stream, HelloText, token);
        }
        else if (method == "POST" && path == "/echo")
        {
            var json = "{\"echo\":" + (body.Length == 0 ? "null" : Encoding.UTF8.GetString(body)) + ",\"length\":" + body.Length + "}";
            await Write(stream, Head(200, "OK", "application/json", Encoding.UTF8.GetByteCount(json)), token);
            await Write(stream, json, token);
        }
        else if (method == "GET" && path == "/chunked")
        {
            await Write(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", token);
            foreach (var line in ChunkedLines)
            {
                await Write(stream, $"{Encoding.UTF8.GetByteCount(line):x}\r\n{line}\r\n", token);
                await stream.FlushAsync(token);
            }
            await Write(stream, "0\r\n\r\n", token);
        }
        else if (method == "GET" && path.StartsWith("/bytes/", StringComparison.Ordinal) && int.TryParse(path[7..], out int size) && size >= 0 && size <= MaxDownload)
        {
            await Write(stream, Head(200, "OK", "application/octet-stream", size), token);
            var chunk = new byte[8192];
            for (long sent = 0; sent < size;)
            {
                int n = (int)Math.Min(chunk.Length, size - sent);
                for (int i = 0; i < n; i++) chunk[i] = PatternByte(sent + i);
                await stream.WriteAsync(chunk.AsMemory(0, n), token);
                sent += n;
            }
        }
        else
        {
            const string text = "not found\n";
            await Write(stream, Head(404, "Not Found", "text/plain", text.Length), token);
            await Write(stream, text, token);
        }
    }

    private static string Head(int status, string reason, string type, int length) =>
        $"HTTP/1.1 {status} {reason}\r\nContent-Type: {type}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n";

    private static Task Write(Stream stream, string text, CancellationToken token) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(text), token).AsTask();

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
    }
}
