using System.Net.Sockets;
using System.Text;
using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

/// <summary>The library's passthrough link over the emulator: raw bytes both ways, never parsed, and the way back.</summary>
public class PassthroughLinkTests
{
    /// <summary>1 MiB of random bytes with the sequences that a parser would take for AT output or the escape.</summary>
    private static byte[] Tricky(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        var traps = new[] { "+++", "\r\nOK\r\n", "+IPD,5:", "\r\nready\r\n", "\r\n>", "\r\nERROR\r\n", "0,CLOSED\r\n" };
        var rng = new Random(seed + 1);
        for (int at = 0; at < size - 16; at += rng.Next(50, 400))
        {
            var t = Encoding.ASCII.GetBytes(traps[rng.Next(traps.Length)]);
            Array.Copy(t, 0, data, at, t.Length);
        }
        return data;
    }

    private static PassthroughLink Open(LinkFixture f, int port)
    {
        var link = PassthroughLink.Open(f.Device, LinkKind.Tcp, "127.0.0.1", port, 5000);
        link.SettleMs = 0;
        return link;
    }

    [Fact]
    public void OneMebibyteBothWaysByteExact()
    {
        using var f = new LinkFixture();
        using var server = new LoopbackServer(LoopbackServer.Echo);
        var data = Tricky(1 << 20, 19);
        using var link = Open(f, server.Port);
        Assert.True(link.Active);
        var writer = new Thread(() =>
        {
            for (int at = 0; at < data.Length; at += 4096) link.Write(data, at, Math.Min(4096, data.Length - at));
        });
        writer.Start();
        var back = new byte[data.Length];
        int got = 0;
        while (got < back.Length)
        {
            int n = link.Read(back, got, back.Length - got, 10000);
            Assert.True(n > 0, $"stalled after {got} bytes");
            got += n;
        }
        writer.Join();
        Assert.Equal(data, back);
        Assert.True(link.Active); // no "+++" inside the payload escaped
    }

    [Fact]
    public void LeaveGivesAWorkingCommandChannelAndResumeReenters()
    {
        using var f = new LinkFixture();
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var link = Open(f, server.Port);
        var ok = Encoding.ASCII.GetBytes("\r\nOK\r\n+IPD,3:abc");
        link.Write(ok, 0, ok.Length);
        var back = new byte[ok.Length];
        int got = 0;
        while (got < back.Length) { int n = link.Read(back, got, back.Length - got, 5000); Assert.True(n > 0, $"stalled at {got}"); got += n; }
        Assert.Equal(ok, back);

        link.Leave();
        Assert.False(link.Active);
        Assert.Null(f.Emulator.Links.Passthrough);
        Assert.Equal("1", f.Device.Executor.Execute("AT+CIPMODE?", 2000).Find("+CIPMODE:"));
        Assert.Throws<InvalidOperationException>(() => link.Read(back, 0, 1, 10));

        link.Resume();
        Assert.True(link.Active);
        var plus = Encoding.ASCII.GetBytes("+++");
        link.Write(plus, 0, plus.Length); // a lone "+++" payload write must not escape
        got = 0;
        while (got < 3) { int n = link.Read(back, got, 3 - got, 5000); Assert.True(n > 0, $"the lone +++ payload did not come back (escaped?) at {got}"); got += n; }
        Assert.Equal("+++", Encoding.ASCII.GetString(back, 0, 3));
        Assert.True(link.Active);
        Assert.NotNull(f.Emulator.Links.Passthrough);

        link.Close();
        Assert.Null(f.Emulator.Links[0]);
        Assert.Equal("1", f.Device.Executor.Execute("AT+CIPMUX?", 2000).Find("+CIPMUX:"));
        Assert.Equal("0", f.Device.Executor.Execute("AT+CIPMODE?", 2000).Find("+CIPMODE:"));
    }

    [Fact]
    public void RefusedWhileAnotherLinkIsOpen()
    {
        using var f = new LinkFixture();
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var other = new LoopbackServer(LoopbackServer.Echo);
        int id = f.Links.OpenTcp("127.0.0.1", other.Port, 5000);
        Assert.Throws<AtCommandException>(() => PassthroughLink.Open(f.Device, LinkKind.Tcp, "127.0.0.1", server.Port, 5000));
        Assert.False(f.Device.Executor.InPassthrough);
        Assert.Equal(LinkState.Open, f.Links.StateOf(id)); // the multi-link session is untouched
    }

    [Fact]
    public void PeerCloseWhileInPassthroughIsSilentAndLeaveStillWorks()
    {
        using var f = new LinkFixture();
        using var server = new LoopbackServer(s => { s.ReadByte(); var b = Encoding.ASCII.GetBytes("bye\r\n0,CLOSED\r\n"); s.Write(b, 0, b.Length); });
        using var link = Open(f, server.Port);
        link.Write(new[] { (byte)'x' }, 0, 1);
        var back = new byte[64];
        int got = 0;
        while (got < 15) { int n = link.Read(back, got, back.Length - got, 5000); Assert.True(n > 0); got += n; }
        Assert.Equal("bye\r\n0,CLOSED\r\n", Encoding.ASCII.GetString(back, 0, got)); // payload, not a notice
        Assert.Equal(0, link.Read(back, 0, back.Length, 200));
        link.Close();
        Assert.False(f.Device.Executor.InPassthrough);
        Assert.Equal(0, f.Device.Executor.Execute("AT", 2000).LineCount); // the command channel answers
        Assert.Equal("1", f.Device.Executor.Execute("AT+CIPMUX?", 2000).Find("+CIPMUX:"));
    }

    [Fact]
    public void UdpWithAFixedRemoteGoesThroughRaw()
    {
        using var f = new LinkFixture();
        using var peer = new UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)) { Client = { ReceiveTimeout = 5000 } };
        int peerPort = ((System.Net.IPEndPoint)peer.Client.LocalEndPoint!).Port;
        using var link = PassthroughLink.Open(f.Device, LinkKind.Udp, "127.0.0.1", peerPort, 5000);
        link.SettleMs = 0;
        var dgram = Encoding.ASCII.GetBytes("\r\nOK\r\n+IPD,1:x");
        link.Write(dgram, 0, dgram.Length);
        var from = new System.Net.IPEndPoint(System.Net.IPAddress.Any, 0);
        Assert.Equal(dgram, peer.Receive(ref from));
        peer.Send(dgram, from);
        var back = new byte[dgram.Length];
        int got = 0;
        while (got < back.Length) { int n = link.Read(back, got, back.Length - got, 5000); Assert.True(n > 0); got += n; }
        Assert.Equal(dgram, back);
        link.Close();
        Assert.Equal("1", f.Device.Executor.Execute("AT+CIPMUX?", 2000).Find("+CIPMUX:"));
    }

    [Fact]
    public void SslIsVerifiedAgainstTheCaAndCarriesRawBytes()
    {
        using var f = new LinkFixture();
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        f.Links.Certificates.LoadCa(Encoding.ASCII.GetBytes(TestCertificates.Shared.CaPem), 0);
        var tls = new TlsSettings { ServerName = TestCertificates.ServerName };
        using var link = PassthroughLink.Open(f.Device, LinkKind.Ssl, "127.0.0.1", server.Port, 10000, true, tls);
        link.SettleMs = 0;
        Assert.True(server.Handshaken.Wait(5000));
        Assert.Equal(TestCertificates.ServerName, server.ServerName);
        var data = Tricky(64 * 1024, 7);
        var writer = new Thread(() => { for (int at = 0; at < data.Length; at += 2048) link.Write(data, at, 2048); });
        writer.Start();
        var back = new byte[data.Length];
        int got = 0;
        while (got < back.Length) { int n = link.Read(back, got, back.Length - got, 10000); Assert.True(n > 0, $"stalled at {got}"); got += n; }
        writer.Join();
        Assert.Equal(data, back);
    }

    [Fact]
    public void ARebootInsidePassthroughIsNoticedAndTheCommandChannelWorks()
    {
        using var f = new LinkFixture();
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var link = Open(f, server.Port);
        f.Emulator.Reboot();
        var buf = new byte[256];
        Assert.Throws<AtRebootedException>(() => { for (int i = 0; i < 100; i++) link.Read(buf, 0, buf.Length, 1000); });
        Assert.False(link.Active);
        Assert.False(link.IsOpen);
        Assert.True(f.Device.WaitForRecovery(10000));
        Assert.Equal("1", f.Device.Executor.Execute("AT+CIPMUX?", 2000).Find("+CIPMUX:"));
    }
}
