using System.Runtime.Versioning;

// The virtual board needs Linux: pseudo-terminals, owner-only file modes, fsync of directories.
[assembly: SupportedOSPlatform("linux")]
