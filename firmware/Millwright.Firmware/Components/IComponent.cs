namespace Millwright.Firmware.Components;

/// <summary>
/// A part of the node with a small lifecycle, in the spirit of ESPHome's <c>core/component.h</c>: set up once, updated
/// from the main loop, described in one line for the console and log, and reporting its own health. A component that
/// fails marks itself failed and keeps being updated, so it can recover; it never stops the others.
/// </summary>
public interface IComponent
{
    /// <summary>Short unique name (the sensor name of the board description); listed in health when failed.</summary>
    string Name { get; }

    ComponentHealth Health { get; }

    /// <summary>Called once before the first update; finds out whether the hardware answers.</summary>
    void Setup(long nowMicros);

    /// <summary>Called from every main loop iteration with the monotonic time; must return quickly and not allocate.</summary>
    void Update(long nowMicros);

    /// <summary>One line of text describing the configuration, for the console and the log.</summary>
    string DescribeConfig();
}
