using System.Net;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Radio;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// What MaJerle/lwesp (commit c0b27913) built with <c>LWESP_CFG_IPV6=1</c> exchanged with the emulator in
/// <c>LWESP_IPV6=1 scripts/conformance-lwesp.sh</c> (docs/emulator-conformance.md, "IPv6"), byte for byte: its
/// <c>AT+CIPV6=1</c> at init, the IPv6 notices after the join, the <c>AT+CIPSTA?</c> lines it parses into
/// <c>esp.m.sta.ip6_ll/ip6_gl</c>, its <c>AT+CIPDOMAIN</c> of an AAAA-only name, and its TCPv6 connect, which it
/// spells <c>"TCPV6"</c>: refused, as the firmware refuses it (the cores look the type up with <c>strcmp</c> in
/// <c>s_at_socket_type_map</c>, whose strings are <c>TCPv6</c>, <c>UDPv6</c>, <c>SSLv6</c>).
/// </summary>
public class LwespIpv6TranscriptBytesTests
{
    private static readonly AccessPoint Majerle = new("Majerle WIFI", "majerle_internet_private");

    [Theory]
    [InlineData("v4.1.1-c3")]
    [InlineData("v4.0.0-c6")]
    [InlineData("v3.3.0-c3")]
    public void LwespsIpv6InitJoinAddressesAndDnsAreAnsweredAndItsTcpV6SpellingRefused(string profile)
    {
        using var port = new RawPort(options: new EmulatorOptions
        {
            Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0, AccessPoints = [Majerle],
        });
        port.Emulator.Links.Dns.Add("v6.test", IPAddress.IPv6Loopback);
        Assert.Equal("ATE0\r\n\r\nOK\r\n", port.Command("ATE0"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSMSG=7"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSLOG=1"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWMODE=3,1"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPMUX=1"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPRECVMODE=1"));
        // lwesp_int.c: LWESP_CMD_WIFI_IPV6 follows LWESP_CMD_TCPIP_CIPRECVMODE in the reset sequence.
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPV6=1"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPDINFO=1"));

        // lwesp sets has_ipv6_ll / has_ipv6_gl on "WIFI GOT IPv6 LL" / "GL" (it compares &data[11] with "v6 LL").
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\nWIFI GOT IPv6 LL\r\nWIFI GOT IPv6 GL\r\n",
            port.Command("AT+CWJAP=\"Majerle WIFI\",\"majerle_internet_private\"", "WIFI GOT IPv6 GL\r\n"));
        // lwesp reads "+CIPSTA:ip6ll:" / "ip6gl:" by the characters at [10] and [11], the address from [13] on.
        Assert.Equal("+CIPSTA:ip:\"192.168.1.50\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n" +
            "+CIPSTA:ip6ll:\"FE80::3685:18FF:FE6A:2B10\"\r\n+CIPSTA:ip6gl:\"2001:DB8:5E:1:3685:18FF:FE6A:2B10\"\r\n\r\nOK\r\n",
            port.Command("AT+CIPSTA?"));
        // No <ip network>: 1, A first, else AAAA (TCP-IP_AT_Commands.rst, AT+CIPDOMAIN).
        Assert.Equal("+CIPDOMAIN:\"::1\"\r\n\r\nOK\r\n", port.Command("AT+CIPDOMAIN=\"v6.test\""));

        // lwesp_int.c writes conn_type_str "TCPV6"; the firmware's type strings are case-sensitive.
        Assert.Equal("ERR CODE:0x01070000\r\n\r\nERROR\r\n", port.Command("AT+CIPSTARTEX=\"TCPV6\",\"::1\",8086,0", "ERROR\r\n"));
        Assert.Equal("ERR CODE:0x01070000\r\n\r\nERROR\r\n", port.Command("AT+CIPSTARTEX=\"UDPV6\",\"::1\",8086,,0", "ERROR\r\n"));
        Assert.Equal("ERR CODE:0x01070000\r\n\r\nERROR\r\n", port.Command("AT+CIPSTARTEX=\"SSLV6\",\"::1\",8086,0", "ERROR\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
    }
}
