// One Container Apps managed environment per region: the "cluster" the regional app runs in.
@description('Name of the managed environment.')
param name string

param location string = resourceGroup().location

resource cluster 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: name
  location: location
  properties: {
    zoneRedundant: false
  }
}

@description('Resource id of the environment: the app of the same region takes it.')
output id string = cluster.id
