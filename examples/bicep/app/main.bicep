// The service's container app in one region, in that region's managed environment.
param name string
param location string = resourceGroup().location

@description('Resource id of the managed environment (the cluster output of the same region).')
param environmentId string

@description('Container image, with the version as its tag.')
param image string

@minValue(1)
param replicas int = 1

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  properties: {
    managedEnvironmentId: environmentId
    configuration: {
      ingress: {
        external: true
        targetPort: 8080
      }
    }
    template: {
      containers: [
        {
          name: 'web'
          image: image
        }
      ]
      scale: {
        minReplicas: replicas
      }
    }
  }
}

@description('Host name of the app: the global Front Door takes one per region.')
output fqdn string = app.properties.configuration.ingress.fqdn

output endpoint string = 'https://${app.properties.configuration.ingress.fqdn}'
