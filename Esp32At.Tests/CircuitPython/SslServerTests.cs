using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Esp32At.CircuitPython;

namespace Esp32At.Tests.CircuitPython;

/// <summary>A server-side SSL socket: the ESP's TLS server (certificate from its factory partition) and accepted TLS clients.</summary>
public sealed class SslServerTests : IDisposable
{
    private readonly SocketPoolFixture f = new();

    public void Dispose() => f.Dispose();

    [Fact]
    public async Task ServerSideWrap_ListensWithTls_AndAcceptsSslSockets()
    {
        var ctx = Ssl.CreateDefaultContext();
        var plain = f.Tcp();
        plain.Bind("0.0.0.0", 4433);
        using var server = ctx.WrapSocket(plain, serverSide: true); // no CA needed: the ESP presents its own certificate
        server.Listen(5);
        Assert.Contains(f.Trace.Lines, l => l == ">> AT+CIPSERVER=1,4433,\"SSL\"");
        using var client = new TcpClient();
        client.Connect(f.Emulator.Links.Ports.TcpServer(4433)!);
        using var tls = new SslStream(client.GetStream());
        var handshake = tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "esp",
            EnabledSslProtocols = SslProtocols.Tls12,
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        server.SetTimeout(5);
        using var accepted = server.Accept(out var from);
        Assert.IsType<SslSocket>(accepted);
        Assert.Equal("127.0.0.1", from.Ip);
        Assert.True(await handshake.Within(5000));
        tls.Write("secret"u8);
        tls.Flush();
        accepted.SetTimeout(5);
        Assert.Equal("secret"u8.ToArray(), SocketPoolFixture.ReadAll(accepted, 6));
    }

    [Fact]
    public void Pools_OfOneDevice_ShareTheirLinks()
    {
        Assert.Same(f.Pool.Links, new SocketPool(f.Device).Links);
    }
}
