using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Esp32At.Benchmarks.Peers;

/// <summary>
/// A minimal loopback HTTP/1.1 server (optionally over TLS 1.2): <c>GET /&lt;n&gt;</c> answers <c>n</c> body bytes with a
/// Content-Length, then closes (<c>Connection: close</c>). Serves clients in parallel.
/// </summary>
public sealed class HttpPeer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Thread thread;
    private readonly X509Certificate2? certificate;

    public HttpPeer(bool tls = false)
    {
        if (tls) certificate = SelfSigned();
        listener.Start(16);
        thread = new Thread(AcceptLoop) { IsBackground = true, Name = "http peer" };
        thread.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The request line and headers a client sends for <paramref name="size"/> body bytes.</summary>
    public static byte[] Request(int size) =>
        Encoding.ASCII.GetBytes($"GET /{size} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

    /// <summary>The header block the server answers before <paramref name="size"/> body bytes.</summary>
    public static byte[] ResponseHeader(int size) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n");

    /// <summary>Header plus body bytes of the answer to <paramref name="size"/>.</summary>
    public static int ResponseLength(int size) => ResponseHeader(size).Length + size;

    private void AcceptLoop()
    {
        try
        {
            while (true)
            {
                var client = listener.AcceptTcpClient();
                new Thread(() => Serve(client)) { IsBackground = true, Name = "http client" }.Start();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { }
    }

    private void Serve(TcpClient client)
    {
        try
        {
            using (client)
            {
                client.NoDelay = true;
                Stream stream = client.GetStream();
                if (certificate != null)
                {
                    var ssl = new SslStream(stream);
                    ssl.AuthenticateAsServer(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = certificate,
                        EnabledSslProtocols = SslProtocols.Tls12,
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    });
                    stream = ssl;
                }
                int size = ReadRequest(stream);
                if (size < 0) return;
                var header = ResponseHeader(size);
                var answer = new byte[header.Length + size];
                header.CopyTo(answer, 0);
                Array.Copy(Pattern.Block(size), 0, answer, header.Length, size);
                stream.Write(answer, 0, answer.Length);
                stream.Flush();
                if (stream is SslStream s) s.ShutdownAsync().Wait(2000);
                client.Client.Shutdown(SocketShutdown.Send);
                var drain = new byte[1024];
                try { while (stream.Read(drain, 0, drain.Length) > 0) { } } catch (IOException) { }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or AuthenticationException) { }
    }

    // "GET /<n> ..." up to the blank line; returns n, or -1.
    private static int ReadRequest(Stream stream)
    {
        var text = new StringBuilder();
        var b = new byte[512];
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = stream.Read(b, 0, b.Length);
            if (n <= 0) return -1;
            text.Append(Encoding.ASCII.GetString(b, 0, n));
        }
        var line = text.ToString();
        int slash = line.IndexOf('/');
        int space = line.IndexOf(' ', slash);
        return int.TryParse(line.AsSpan(slash + 1, space - slash - 1), out int size) ? size : -1;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // An exportable copy: SslStream on Linux needs the key in a form it can load.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    public void Dispose()
    {
        listener.Stop();
        thread.Join(2000);
        certificate?.Dispose();
    }
}
