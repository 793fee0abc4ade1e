import { Aws, Duration, Fn, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { AUDIT_TAG_KEY, AUDIT_TAG_VALUE, LAMBDA_SERVICE_PRINCIPAL } from '../constants';
import type { LambdaRuntime, LambdaTrustScope } from '../env/types';

export interface CustomResourceFunctionProps {
  /** Function name (function names are regional, so one name serves every region). */
  readonly functionName: string;
  /** Role name as an `Fn::Sub` string; must name the region, since IAM names are global per account. */
  readonly roleNameSub: string;
  /** Bundled handler source, run as `index.js` with entry `index.handler`. */
  readonly code: string;
  readonly runtime: LambdaRuntime;
  readonly timeout: Duration;
  readonly description: string;
  /** How the role restricts `lambda.amazonaws.com` (see `LambdaTrustScope`). */
  readonly trustScope: LambdaTrustScope;
  /** What the handler may do, beyond writing its own logs. */
  readonly statements: iam.PolicyStatement[];
}

/**
 * A Lambda function with inline code and a role of its own that only Lambda, on behalf of this
 * function (or this account, per `trustScope`), can assume. Both carry the audit tag. No log group
 * is declared: one defined in the stack would be re-created by the function's last log lines after
 * stack deletion; the function creates its own on first use.
 */
export class CustomResourceFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CustomResourceFunctionProps) {
    super(scope, id);
    const functionArn = Fn.sub(
      `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${props.functionName}`,
    );
    const logGroupArn = Fn.sub(
      `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${props.functionName}`,
    );
    const trustConditions: Record<string, Record<string, string>> = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    };
    if (props.trustScope === 'function-arn') {
      trustConditions.ArnLike = { 'aws:SourceArn': functionArn };
    }

    this.role = new iam.Role(this, 'Role', {
      roleName: Fn.sub(props.roleNameSub),
      description: `Execution role of ${props.functionName}`,
      assumedBy: new iam.ServicePrincipal(LAMBDA_SERVICE_PRINCIPAL).withConditions(trustConditions),
      inlinePolicies: {
        Handler: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'OwnLogGroup',
              actions: ['logs:CreateLogGroup'],
              resources: [logGroupArn],
            }),
            new iam.PolicyStatement({
              sid: 'OwnLogStreams',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [`${logGroupArn}:*`],
            }),
            ...props.statements,
          ],
        }),
      },
    });

    this.function = new lambda.Function(this, 'Resource', {
      functionName: props.functionName,
      description: props.description,
      runtime: new lambda.Runtime(props.runtime, lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true }),
      handler: 'index.handler',
      code: lambda.Code.fromInline(props.code),
      role: this.role,
      timeout: props.timeout,
      memorySize: 256,
    });

    Tags.of(this).add(AUDIT_TAG_KEY, AUDIT_TAG_VALUE);
  }
}
