using System.Diagnostics;
using System.Net.Sockets;
using Esp32At.Emulator.Network;

namespace Esp32At.Tests.Mqtt;

/// <summary>
/// A Mosquitto broker (Debian package <c>mosquitto</c>; <c>.ci/run</c> installs it) on free loopback ports with its own
/// config: a plain listener and a TLS listener serving the emulator's factory server certificate.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly Process process;
    private readonly string folder;

    public MosquittoBroker()
    {
        var exe = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed: apt-get install -y mosquitto (.ci/run does it)");
        Port = MqttBroker.FreePort();
        TlsPort = MqttBroker.FreePort();
        folder = Directory.CreateTempSubdirectory("esp32at-mosquitto-").FullName;
        var pki = FactoryPki.Instance;
        File.WriteAllBytes(Path.Combine(folder, "ca.pem"), pki.CaPem);
        File.WriteAllBytes(Path.Combine(folder, "server.pem"), pki.ServerCertPem);
        File.WriteAllBytes(Path.Combine(folder, "server.key"), pki.ServerKeyPem);
        File.WriteAllText(Path.Combine(folder, "mosquitto.conf"),
            $"persistence false\nallow_anonymous true\nlistener {Port} 127.0.0.1\n" +
            $"listener {TlsPort} 127.0.0.1\ncafile {folder}/ca.pem\ncertfile {folder}/server.pem\nkeyfile {folder}/server.key\ntls_version tlsv1.2\n");
        // Started as root, mosquitto drops to its own user: that user must read the (test-only) files.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
            foreach (var f in Directory.GetFiles(folder)) File.SetUnixFileMode(f, (UnixFileMode)0b110_100_100);
        }
        process = Process.Start(new ProcessStartInfo(exe, ["-c", Path.Combine(folder, "mosquitto.conf")]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Accepts(Port) || !Accepts(TlsPort))
        {
            if (process.HasExited) throw new InvalidOperationException("mosquitto exited: " + process.StandardError.ReadToEnd());
            if (DateTime.UtcNow > deadline) throw new TimeoutException("mosquitto did not listen within 10 s");
            Thread.Sleep(50);
        }
    }

    public int Port { get; }
    public int TlsPort { get; }

    public MqttBroker.Peer Connect(string clientId = "peer") => new(Port, clientId);

    private static bool Accepts(int port)
    {
        try
        {
            using var c = new TcpClient();
            c.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException) { return false; }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit(5000);
        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
