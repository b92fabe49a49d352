using Esp32At.Emulator.Profiles;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;
using static Esp32At.Tests.Links.ActiveRig;

namespace Esp32At.Tests.Links;

/// <summary>
/// <see cref="ConnectionTable.Close"/> on an active-receive link, byte for byte on the wire: a live link gets exactly
/// one <c>AT+CIPCLOSE=&lt;id&gt;</c> (and the ESP really drops it); a link whose peer's <c>CLOSED</c> was already seen
/// gets none, whether its data was read or not; the id is then opened again with nothing in between.
/// </summary>
public sealed class ActiveCloseWireTests
{
    public static TheoryData<string> Profiles() => new() { "v2.2.0-c3", "v4.1.1-c3" };

    // Reopening an id: the ESP keeps its receive mode per id (AT+CIPRECVTYPE was sent on the first open), so CIPSTART alone.
    private static string ReopenCommands(ActiveRig rig, int id, int port)
    {
        string timeout = rig.Device.Capabilities.HasCipStartTimeout ? ",,,20000" : "";
        return $"AT+CIPSTART={id},\"TCP\",\"127.0.0.1\",{port}{timeout}\r\n";
    }

    private static void WaitForState(ActiveRig rig, int id, LinkState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (rig.Links.StateOf(id) != state && DateTime.UtcNow < deadline) Thread.Sleep(2);
        Assert.Equal(state, rig.Links.StateOf(id));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ALiveLinkGetsExactlyOneCipClose(string profile)
    {
        var data = Pattern(21, 3000);
        using var server = Sender(data); // keeps the connection open until the client closes
        using var rig = new ActiveRig(FirmwareProfile.Named(profile));
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        Assert.Equal(data, ReadSlowly(rig.Links, id, data.Length, 1000, 0, 5000));
        int before = rig.Wire.Written.Length;

        rig.Links.Close(id);

        Assert.Equal($"AT+CIPCLOSE={id}\r\n", rig.Wire.Written[before..]);
        Assert.Equal(LinkState.Free, rig.Links.StateOf(id));
        Assert.Null(rig.Emulator.Links[id]); // gone on the ESP too
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ALiveLinkWithUnreadDataGetsExactlyOneCipCloseAndTheIdCarriesOnlyTheNextPeersBytes(string profile)
    {
        var old = Pattern(22, 3000);
        var fresh = Pattern(23, 2000);
        using var serverOld = Sender(old);
        using var serverNew = Sender(fresh);
        using var rig = new ActiveRig(FirmwareProfile.Named(profile));
        int id = rig.Links.OpenTcp("127.0.0.1", serverOld.Port);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (rig.Links.Available(id) < old.Length && DateTime.UtcNow < deadline) Thread.Sleep(2);
        int before = rig.Wire.Written.Length;

        rig.Links.Close(id);
        int again = rig.Links.OpenTcp("127.0.0.1", serverNew.Port);

        Assert.Equal(id, again);
        Assert.Equal($"AT+CIPCLOSE={id}\r\n" + ReopenCommands(rig, id, serverNew.Port), rig.Wire.Written[before..]);
        Assert.Equal(fresh, ReadSlowly(rig.Links, again, fresh.Length, 1000, 0, 5000));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void AfterThePeersClosedWasSeenCloseSendsNothingWithDataUnread(string profile)
    {
        var data = Pattern(24, 3000);
        var fresh = Pattern(25, 1000);
        using var server = new LoopbackServer(s => s.Write(data, 0, data.Length)); // sends, then closes
        using var serverNew = Sender(fresh);
        using var rig = new ActiveRig(FirmwareProfile.Named(profile));
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        WaitForState(rig, id, LinkState.RemoteClosed);
        Assert.Equal(data.Length, rig.Links.Available(id)); // the CLOSED came behind every byte
        int before = rig.Wire.Written.Length;

        rig.Links.Close(id);

        Assert.Equal("", rig.Wire.Written[before..]);
        Assert.Equal(LinkState.Free, rig.Links.StateOf(id));
        int again = rig.Links.OpenTcp("127.0.0.1", serverNew.Port);
        Assert.Equal(id, again);
        Assert.Equal(ReopenCommands(rig, id, serverNew.Port), rig.Wire.Written[before..]);
        Assert.Equal(fresh, ReadSlowly(rig.Links, again, fresh.Length, 1000, 0, 5000));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void AfterTheEndOfStreamWasReadCloseSendsNothing(string profile)
    {
        var data = Pattern(26, 3000);
        using var server = new LoopbackServer(s => s.Write(data, 0, data.Length));
        using var rig = new ActiveRig(FirmwareProfile.Named(profile));
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        int opened = rig.Wire.Written.Length;
        Assert.Equal(data, ReadSlowly(rig.Links, id, data.Length, 1000, 0, 5000));
        Assert.Equal(0, rig.Links.Receive(id, new byte[1], 0, 1, 5000)); // end of stream: the id is free

        rig.Links.Close(id);

        Assert.Equal("", rig.Wire.Written[opened..]);
        Assert.Equal(LinkState.Free, rig.Links.StateOf(id));
    }
}
