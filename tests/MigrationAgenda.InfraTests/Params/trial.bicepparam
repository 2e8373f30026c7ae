// Test-only parameters (copied next to main.bicep before `bicep snapshot`): the quick-trial public mode, with a
// rotated key ring (key c signs; a and b still verify).
using 'main.bicep'

param environmentName = 'trial'
param allowPublicNetworkAccess = true
param tokenKeyId = 'c'
param tokenPreviousKeyIds = [
  'a'
  'b'
]
param authClientId = '00000000-0000-0000-0000-000000000000'
param authCoordinators = [
  'coordinator@minjenv.example'
  '5f0c7a51-0000-4000-8000-000000000005'
]
