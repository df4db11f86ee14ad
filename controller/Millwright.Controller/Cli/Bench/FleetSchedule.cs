namespace Millwright.Controller.Cli.Bench;

/// <summary>Open-loop production of a fleet: frames per second each device makes (0: none, e.g. closed loop), and how
/// many frames each makes in all (0: no limit).</summary>
internal sealed record FleetSchedule(double FramesPerSecondPerDevice, long FramesPerDevice = 0);
