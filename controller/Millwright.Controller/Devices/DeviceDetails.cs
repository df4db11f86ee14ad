using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Devices;

/// <summary>Everything `device show` reports: activity, health, watermarks, gaps and key generations (no secrets).</summary>
public sealed record DeviceDetails(DeviceOverview Overview, DeviceGaps Gaps, IReadOnlyList<DeviceKeyInfo> Keys);
