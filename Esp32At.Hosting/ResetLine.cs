namespace Esp32At.Hosting;

/// <summary>
/// Which modem-control output of a USB-UART adapter is wired to the ESP's EN pin. Adapter outputs are active low
/// (RS-232 convention), so asserting the line pulls EN low and holds the ESP in reset.
/// </summary>
public enum ResetLine
{
    /// <summary>No reset wiring: the driver finds the ESP by probing.</summary>
    None,

    /// <summary>RTS drives EN (then RTS cannot also be used for RTS/CTS flow control).</summary>
    Rts,

    /// <summary>DTR drives EN.</summary>
    Dtr,
}
