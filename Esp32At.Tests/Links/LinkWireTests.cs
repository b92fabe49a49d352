using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Device;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

/// <summary>The exact bytes the connection table writes for connect, send, passive receive and close, per firmware.</summary>
public class LinkWireTests
{
    public static TheoryData<string> Profiles() => new() { "v2.2.0-c3", "v3.3.0-c3", "v4.0.0-c6", "v4.1.1-c3", "v4.1.1-c6" };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ConnectSendReceiveCloseWriteExactlyTheseBytes(string profile)
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0 });
        var wire = new RecordingTransport(new EmulatorTransport(emulator));
        using var device = new Esp32AtDevice(wire, new Esp32AtOptions());
        device.Initialize();
        device.Executor.Execute("AT+CWMODE=1", 2000);
        device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        var links = new ConnectionTable(device);
        int before = wire.Written.Length;

        int id = links.OpenTcp("127.0.0.1", server.Port);
        links.Send(id, Encoding.ASCII.GetBytes("hello"), 0, 5);
        var buf = new byte[64];
        int n = links.Receive(id, buf, 0, buf.Length, 5000);
        links.Close(id);

        Assert.Equal("hello", Encoding.ASCII.GetString(buf, 0, n));
        string timeout = device.Capabilities.HasCipStartTimeout ? ",,,20000" : "";
        Assert.Equal(
            $"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}{timeout}\r\n" +
            "AT+CIPSEND=0,5\r\nhello" +
            "AT+CIPRECVDATA=0,5760\r\n" + // one receive window, though 5 were announced: the ESP answers with what it holds
            "AT+CIPCLOSE=0\r\n",
            wire.Written[before..]);
    }

    [Fact]
    public void SendAndReceiveOfOneKibOnALinkAllocateNothingAfterWarmUp()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var emulator = new EspEmulator(new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0 });
        var wire = new RecordingTransport(new EmulatorTransport(emulator)) { Recording = false };
        using var device = new Esp32AtDevice(wire, new Esp32AtOptions());
        device.Initialize();
        device.Executor.Execute("AT+CWMODE=1", 2000);
        device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        var links = new ConnectionTable(device);
        int id = links.OpenTcp("127.0.0.1", server.Port);
        var payload = new byte[1024];
        new Random(3).NextBytes(payload);
        var received = new byte[1024];
        void Once()
        {
            links.Send(id, payload, 0, payload.Length);
            int got = 0;
            while (got < received.Length) got += links.Receive(id, received, got, received.Length - got, 5000);
        }
        for (int i = 0; i < 30; i++) Once();
        // Rounds of 50: a one-off in a round (the runtime inflating a contended lock, say) is not a per-operation cost,
        // so the steady state is the best round. Every operation allocating would show in each of them.
        var perRound = new List<long>();
        for (int round = 0; round < 4; round++)
        {
            long before = ThreadAllocations.Start();
            long emulatorBefore = wire.AllocatedInside;
            for (int i = 0; i < 50; i++) Once();
            perRound.Add(GC.GetAllocatedBytesForCurrentThread() - before - (wire.AllocatedInside - emulatorBefore));
        }
        Assert.Equal(payload, received);
        Assert.Equal(0, perRound.Min() / 50);
    }
}
