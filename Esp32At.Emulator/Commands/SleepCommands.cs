using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;
using static Esp32At.Emulator.Commands.ArgumentChecks;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// AT+SLEEP (Espressif's Basic_AT_Commands.rst): 0 disables sleep, 1 Wi-Fi modem-sleep by the AP's DTIM, 2 light-sleep,
/// 3 modem-sleep by the listen interval of AT+CWJAP. The set form exists on every profile, the query form
/// (<c>+SLEEP:&lt;mode&gt;</c>) from v2.3. Which Wi-Fi modes allow which sleep mode changed with the docs:
/// up to v3.1 modes 1-3 need station mode; from v3.2 light-sleep is also allowed with Wi-Fi off (CWMODE=0); from v4.1
/// modes 1 and 3 are accepted with Wi-Fi off too ("allowed but will not take effect") and only the soft-AP modes
/// refuse. A refusal is <c>0x010a0000</c> [UNVERIFIED: the docs say "cannot be set" without a code]. The power-on mode
/// is 1, ESP-IDF's station default (WIFI_PS_MIN_MODEM) [UNVERIFIED: the AT docs do not name the default]. The sleep
/// itself (RF off between beacons, a paused CPU) is not modelled: links and the UART behave the same in every mode.
/// </summary>
public static class SleepCommands
{
    /// <summary>The power-on sleep mode (modem-sleep, DTIM).</summary>
    public const int PowerOnMode = 1;

    public static void Register(EspEmulator emulator) => emulator.Commands.Register("SLEEP", Sleep);

    private static void Sleep(CommandContext c)
    {
        var version = c.Emulator.Profile.Version;
        if (c.Line.Kind == CommandKind.Query && version >= new Version(2, 3))
        {
            c.Raw($"+SLEEP:{c.State.SleepMode}\r\n");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        int mode = ParameterValidator.Check(c).Int(0);
        if (mode != 0 && !Allowed(mode, c.State.CwMode, version)) throw new CommandException("0x010a0000");
        c.State.SleepMode = mode;
    }

    private static bool Allowed(int sleep, int wifiMode, Version version)
    {
        if (wifiMode == 1) return true;
        if (wifiMode != 0) return false; // soft-AP or station + soft-AP
        return sleep == 2 ? version >= new Version(3, 2) : version >= new Version(4, 1);
    }
}
