using System.Net.Sockets;
using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Device;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

/// <summary>
/// An HTTP-style exchange whose server closes after its answer: the ESP reports the peer's CLOSED right behind the
/// read that emptied the link, so <see cref="ConnectionTable.Close"/> sends no CIPCLOSE (four UART round trips per GET
/// instead of five), and the id is given out again only after that CLOSED.
/// </summary>
public class PeerCloseWireTests
{
    private const string Request = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    private const string Response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";

    private static void AnswerAndClose(NetworkStream s)
    {
        var seen = new StringBuilder();
        var b = new byte[256];
        while (!seen.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = s.Read(b, 0, b.Length);
            if (n <= 0) return;
            seen.Append(Encoding.ASCII.GetString(b, 0, n));
        }
        var answer = Encoding.ASCII.GetBytes(Response);
        s.Write(answer, 0, answer.Length);
    } // the client is disposed: the server's FIN follows the answer

    public static TheoryData<string> Profiles() => new() { "v2.2.0-c3", "v4.1.1-c3" };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void AGetWhoseServerClosesWritesNoCipCloseOnAFreshAndOnAReusedId(string profile)
    {
        using var first = new LoopbackServer(AnswerAndClose);
        using var second = new LoopbackServer(AnswerAndClose);
        using var emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0 });
        var wire = new RecordingTransport(new EmulatorTransport(emulator));
        using var device = new Esp32AtDevice(wire, new Esp32AtOptions());
        device.Initialize();
        device.Executor.Execute("AT+CWMODE=1", 2000);
        device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        var links = new ConnectionTable(device);
        int before = wire.Written.Length;

        int a = Get(links, emulator, first.Port);
        int b = Get(links, emulator, second.Port);

        Assert.Equal(0, a);
        Assert.Equal(0, b); // the id came back only after the ESP's CLOSED: it is free on both sides
        string timeout = device.Capabilities.HasCipStartTimeout ? ",,,20000" : "";
        string Exchange(int port) =>
            $"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{port}{timeout}\r\n" +
            $"AT+CIPSEND=0,{Request.Length}\r\n{Request}" +
            "AT+CIPRECVDATA=0,5760\r\n"; // one window: the ESP answers with the response it holds
        Assert.Equal(Exchange(first.Port) + Exchange(second.Port), wire.Written[before..]);
    }

    private static int Get(ConnectionTable links, EspEmulator emulator, int port)
    {
        int id = links.OpenTcp("127.0.0.1", port);
        var request = Encoding.ASCII.GetBytes(Request);
        links.Send(id, request, 0, request.Length);
        // Not a timing assertion: let the emulated ESP see the server's FIN before the read, as the 2 ms a real
        // CIPRECVDATA takes lets it on a LAN, so its CLOSED comes right behind the read that empties the link.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (emulator.Links[id] is { RemoteClosed: false } && DateTime.UtcNow < deadline) Thread.Sleep(1);
        var buffer = new byte[256];
        int got = 0;
        while (got < Response.Length) got += links.Receive(id, buffer, got, buffer.Length - got, 5000);
        Assert.Equal(Response, Encoding.ASCII.GetString(buffer, 0, got));
        links.Close(id);
        return id;
    }
}
