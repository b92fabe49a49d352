using System.Net;
using System.Net.Sockets;
using Esp32At.Links;

namespace Esp32At.Tests.Links;

/// <summary><c>busy p...</c> on the commands that must never run twice (esp-at#993): the state decides, not a blind resend.</summary>
public class LinkBusyTests
{
    [Fact]
    public void ABusyCipStartIsCheckedAndTheServerSeesExactlyOneConnection()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int accepted = 0;
        var acceptor = new Thread(() =>
        {
            try { while (true) { listener.AcceptTcpClient(); Interlocked.Increment(ref accepted); } }
            catch (SocketException) { }
        }) { IsBackground = true };
        acceptor.Start();
        try
        {
            using var f = new LinkFixture();
            f.Emulator.Faults.BusyOnNextCommand();
            int id = f.Links.OpenTcp("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
            Assert.Equal(LinkState.Open, f.Links.StateOf(id));
            Thread.Sleep(300); // a second, duplicate connection would have arrived by now
            Assert.Equal(1, Volatile.Read(ref accepted));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void ABusyCipSendIsSentAgainAndThePeerGetsTheBytesExactlyOnce()
    {
        var received = new MemoryStream();
        using var done = new ManualResetEventSlim();
        using var server = new EmulatorNet.LoopbackServer(s =>
        {
            var b = new byte[4096];
            int n;
            while ((n = s.Read(b, 0, b.Length)) > 0) { lock (received) received.Write(b, 0, n); if (received.Length >= 3000) done.Set(); }
        });
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        var data = new byte[3000];
        new Random(5).NextBytes(data);
        f.Emulator.Faults.BusyOnNextCommand();
        f.Links.Send(id, data, 0, data.Length);
        Assert.True(done.Wait(5000));
        Thread.Sleep(200);
        lock (received) Assert.Equal(data, received.ToArray());
    }
}
