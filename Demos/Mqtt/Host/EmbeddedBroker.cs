using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Emulator.Network;
using MQTTnet.Server;

namespace Esp32At.Demos.Mqtt;

/// <summary>
/// The broker the demo starts when none is named: MQTTnet's, with a plain and a TLS listener. The TLS certificate is
/// the emulator's factory server certificate (<c>CN=espressif.local</c>, issued by the factory CA that the demo
/// loads onto the ESP as <c>mqtt_ca.0</c>), so <c>--tls</c> verifies the broker.
/// </summary>
public sealed class EmbeddedBroker : IDisposable
{
    /// <summary>The name in the TLS certificate.</summary>
    public const string TlsName = "espressif.local";

    private readonly MqttServer server;

    /// <param name="bind">Loopback for the emulator, any address for a real ESP on the LAN.</param>
    /// <param name="port">0 = a free port.</param>
    /// <param name="tlsPort">0 = a free port.</param>
    public EmbeddedBroker(IPAddress bind, int port, int tlsPort)
    {
        Port = port == 0 ? FreePort(bind) : port;
        TlsPort = tlsPort == 0 ? FreePort(bind) : tlsPort;
        var pki = FactoryPki.Instance;
        using var pem = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pki.ServerCertPem), Encoding.ASCII.GetString(pki.ServerKeyPem));
        // SslStream on Linux needs a certificate whose key is not ephemeral: round-trip it through PKCS#12.
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(bind).WithDefaultEndpointPort(Port)
            .WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(bind).WithEncryptedEndpointPort(TlsPort)
            .WithEncryptionCertificate(certificate).WithEncryptionSslProtocol(SslProtocols.Tls12)
            .Build();
        server = new MqttServerFactory().CreateMqttServer(options);
        server.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }
    public int TlsPort { get; }

    public void Dispose()
    {
        server.StopAsync().GetAwaiter().GetResult();
        server.Dispose();
    }

    private static int FreePort(IPAddress bind)
    {
        using var l = new System.Net.Sockets.TcpListener(bind, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
