using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Mqtt;

/// <summary>Argument checks of the MQTT commands, each with its own MQTT error code.</summary>
internal static class MqttArguments
{
    /// <summary>Argument count within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Count(CommandContext c, int min, int max)
    {
        if (c.Line.Kind != CommandKind.Set) throw new CommandException("0x01080000");
        if (c.Line.Count < min || c.Line.Count > max) throw MqttErrors.Of(MqttErrors.ParameterCountsIsWrong);
    }

    /// <summary>The link id (argument 0): only 0 exists.</summary>
    public static void LinkId(CommandContext c)
    {
        if (Int(c, 0, 0, 0, MqttErrors.LinkIdValueIsWrong) != 0) throw MqttErrors.Of(MqttErrors.LinkIdValueIsWrong);
    }

    public static int Int(CommandContext c, int i, long min, long max, int code)
    {
        if (c.Line.IsEmpty(i) || c.Line.IsQuoted(i) || !long.TryParse(c.Line.String(i), out var v) || v < min || v > max) throw MqttErrors.Of(code);
        return (int)v;
    }

    /// <summary>
    /// Quoted argument <paramref name="i"/> of at most <paramref name="max"/> bytes. The firmware's codes come in threes
    /// (READ_FAILED, IS_NULL, IS_OVERLENGTH): an unquoted argument is overlength - 2.
    /// </summary>
    public static string Text(CommandContext c, int i, int max, int overlength, int? nullCode = null)
    {
        if (!c.Line.IsQuoted(i)) throw MqttErrors.Of(overlength - 2);
        var s = c.Line.String(i);
        if (s.Length == 0 && nullCode is not null) throw MqttErrors.Of(nullCode.Value);
        if (Encoding.UTF8.GetByteCount(s) > max) throw MqttErrors.Of(overlength);
        return s;
    }
}
