using System.Net.Sockets;
using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Demos.DeviceTests;

/// <summary>
/// This machine as the network peer: it calls the ESP's server directly on a LAN, or, on the emulator, at the
/// 127.0.0.1 port its port map gives the ESP's port.
/// </summary>
public sealed class LocalPeer(EspEmulator? emulator) : IPeer
{
    public string CallEspServer(string espAddress, int espPort, string greeting)
    {
        var (host, port) = emulator?.Links.Ports.TcpServer(espPort) is { } mapped ? (mapped.Address.ToString(), mapped.Port) : (espAddress, espPort);
        using var client = new TcpClient();
        client.ReceiveTimeout = 10_000;
        client.SendTimeout = 10_000;
        if (!client.ConnectAsync(host, port).Wait(10_000)) return "connect timed out";
        var stream = client.GetStream();
        stream.Write(Encoding.UTF8.GetBytes(greeting));
        var answer = new StringBuilder();
        var one = new byte[1];
        while (stream.Read(one, 0, 1) == 1)
        {
            answer.Append((char)one[0]);
            if (one[0] == '\n') break;
        }
        return answer.ToString();
    }
}
