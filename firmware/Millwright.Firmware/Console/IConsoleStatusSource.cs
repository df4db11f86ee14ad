namespace Millwright.Firmware.Console;

/// <summary>Figures the console's <c>status</c> reports that other components own (outbox, frame builder, health).</summary>
public interface IConsoleStatusSource
{
    /// <summary>Messages stored and not yet acknowledged by the controller.</summary>
    long OutboxDepth { get; }

    /// <summary>Messages dropped on outbox overflow since the outbox was created.</summary>
    long OutboxDrops { get; }

    uint BootCounter { get; }

    /// <summary>Names of the components in the failed state (empty array when none).</summary>
    string[] FailedComponents();
}
