global using RemoteKit.Transport;
global using Xunit;
